package io.mabeam.optimization.boundary;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import io.mabeam.optimization.entity.StudySchedule;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
     * A schedule: {@code {"cron": "0 2 * * *", "trials": 20, "parallelism": 2, "objective": "network",
     * "trialTimeout": "PT30M"}} — at each time (UTC) the cluster leader starts a run of this many more trials.
     */
    public static class ScheduleRequest extends RunRequest {

        /** Minute, hour, day of month, month, day of week (five fields; a sixth in front for seconds). */
        @NotNull(message = "a schedule needs a \"cron\" expression such as \"0 2 * * *\"")
        @Size(max = 200)
        public String cron;

        /** Trials each run adds. */
        @Min(0)
        public Integer trials = 10;
    }

    /** Runs the study on a schedule; answers the schedule with the next time it fires. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String setSchedule(@PathParam("name") String name, @Valid @NotNull ScheduleRequest request) {
        StudySchedule schedule = schedules.set(
                name,
                request.cron,
                request.trials,
                request.parallelism,
                objectives.objectiveOf(name, request.objective),
                request.trialTimeout);
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
