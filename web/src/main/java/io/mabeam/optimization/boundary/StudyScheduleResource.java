package io.mabeam.optimization.boundary;

import static io.mabeam.foundation.api.boundary.JsonBodies.duration;
import static io.mabeam.foundation.api.boundary.JsonBodies.number;
import static io.mabeam.foundation.api.boundary.JsonBodies.object;
import static io.mabeam.foundation.api.boundary.JsonBodies.text;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import io.mabeam.optimization.entity.StudySchedule;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** A study's schedule: the cluster leader starts a run of more trials at each time of a cron expression. */
@Path("v1/studies/{name}/schedule")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class StudyScheduleResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    StudySchedules schedules;

    @Inject
    StudyObjectives objectives;

    /** The study's schedule with the next time it fires. */
    @GET
    public String schedule(@PathParam("name") String name) {
        StudySchedule schedule =
                schedules.get(name).orElseThrow(() -> DomainException.notFound("study " + name + " has no schedule"));
        return scheduleJson(schedule).toString();
    }

    /**
     * Runs the study on a schedule: {@code {"cron": "0 2 * * *", "trials": 20, "parallelism": 2, "objective":
     * "network", "trialTimeout": "PT30M"}} — at each time (UTC) the cluster leader starts a run of this many more
     * trials.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String setSchedule(@PathParam("name") String name, String body) {
        JsonObject json = object(body);
        for (String key : json.keySet()) {
            if (!List.of("cron", "trials", "parallelism", "objective", "trialTimeout")
                    .contains(key)) {
                throw DomainException.invalid(
                        "unknown field " + key + " (cron, trials, parallelism, objective, trialTimeout)");
            }
        }
        StudySchedule schedule = schedules.set(
                name,
                text(json, "cron"),
                (int) Math.max(0, Math.min(Integer.MAX_VALUE, number(json, "trials", 10L))),
                (int) Math.max(0, Math.min(1000, number(json, "parallelism", 2L))),
                objectives.objectiveOf(name, text(json, "objective")),
                duration(json, "trialTimeout", "PT30M"));
        return scheduleJson(schedule).toString();
    }

    @DELETE
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response removeSchedule(@PathParam("name") String name) {
        schedules.remove(name);
        return Response.noContent().build();
    }

    private JsonObject scheduleJson(StudySchedule schedule) {
        var json = JSON.createObjectBuilder()
                .add("study", schedule.study())
                .add("cron", schedule.cron())
                .add("timezone", "UTC")
                .add("trials", schedule.trials())
                .add("parallelism", schedule.parallelism())
                .add("objective", schedule.objective())
                .add("trialTimeout", schedule.trialTimeout().toString())
                .add("version", schedule.version())
                .add("createdBy", schedule.createdBy())
                .add("createdAt", schedule.createdAt().toString());
        schedules.next(schedule.study()).ifPresent(next -> json.add("nextRun", next.toString()));
        if (schedule.lastFiredAt() != null) {
            json.add("lastFiredAt", schedule.lastFiredAt().toString());
        }
        if (schedule.lastExecution() != null) {
            json.add("lastExecution", schedule.lastExecution());
        }
        return json.build();
    }
}
