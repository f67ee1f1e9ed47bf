package io.mabeam.optimization.boundary;

import static io.mabeam.foundation.api.boundary.JsonBodies.duration;
import static io.mabeam.foundation.api.boundary.JsonBodies.number;
import static io.mabeam.foundation.api.boundary.JsonBodies.object;
import static io.mabeam.foundation.api.boundary.JsonBodies.text;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** Batch runs of a study to its budget: start, list, read, stop, restart from the checkpoint. */
@Path("v1/studies/{name}/jobs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class StudyJobsResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    Studies studies;

    @EJB
    OptimizationJobs optimizationJobs;

    @Inject
    StudyObjectives objectives;

    /**
     * Starts a batch job that runs the study to its budget: {@code {"budget": 50, "parallelism": 2,
     * "objective": "network", "trialTimeout": "PT30M"}} (objective defaults to network for a study with a
     * training setup); 202 with the run.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response startJob(@PathParam("name") String name, String body) {
        JsonObject json = object(body);
        for (String key : json.keySet()) {
            if (!List.of("budget", "parallelism", "objective", "trialTimeout").contains(key)) {
                throw DomainException.invalid(
                        "unknown field " + key + " (budget, parallelism, objective, trialTimeout)");
            }
        }
        Long budget = number(json, "budget", null);
        if (budget == null) {
            throw DomainException.invalid("a job needs a \"budget\": the study's total number of trials");
        }
        String objective = objectives.objectiveOf(name, text(json, "objective"));
        long execution = optimizationJobs.start(new OptimizationJobs.Plan(
                name,
                (int) Math.max(0, Math.min(Integer.MAX_VALUE, budget)),
                (int) Math.max(0, Math.min(1000, number(json, "parallelism", 2L))),
                objective,
                duration(json, "trialTimeout", "PT30M")));
        return Response.accepted(
                        StudyJson.run(optimizationJobs.run(name, execution)).toString())
                .location(URI.create("v1/studies/" + name + "/jobs/" + execution))
                .build();
    }

    @GET
    public String jobs(@PathParam("name") String name) {
        studies.study(name);
        JsonArrayBuilder runs = JSON.createArrayBuilder();
        optimizationJobs.runs(name).forEach(run -> runs.add(StudyJson.run(run)));
        return JSON.createObjectBuilder().add("runs", runs).build().toString();
    }

    @GET
    @Path("{execution}")
    public String job(@PathParam("name") String name, @PathParam("execution") long execution) {
        return StudyJson.run(optimizationJobs.run(name, execution)).toString();
    }

    @POST
    @Path("{execution}/stop")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String stopJob(@PathParam("name") String name, @PathParam("execution") long execution) {
        optimizationJobs.stop(name, execution);
        return StudyJson.run(optimizationJobs.run(name, execution)).toString();
    }

    /** Restarts a failed, stopped or crashed run from its checkpoint; 202 with the new execution. */
    @POST
    @Path("{execution}/restart")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response restartJob(@PathParam("name") String name, @PathParam("execution") long execution) {
        long restarted = optimizationJobs.restart(name, execution);
        return Response.accepted(
                        StudyJson.run(optimizationJobs.run(name, restarted)).toString())
                .location(URI.create("v1/studies/" + name + "/jobs/" + restarted))
                .build();
    }
}
