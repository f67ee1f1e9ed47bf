package io.mabeam.optimization.boundary;

import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

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

    /** A run of the study to its budget: {@code {"budget": 50, "parallelism": 2, "objective": "network", "trialTimeout": "PT30M"}}. */
    public static class JobRequest extends RunRequest {

        /** The study's total number of trials when the run ends. */
        @NotNull(message = "a job needs a \"budget\": the study's total number of trials")
        @PositiveOrZero
        public Integer budget;
    }

    /** Starts a batch job that runs the study to its budget; 202 with the run. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response startJob(@PathParam("name") String name, @Valid @NotNull JobRequest job) {
        String objective = objectives.objectiveOf(name, job.objective);
        long execution = optimizationJobs.start(
                new OptimizationJobs.Plan(name, job.budget, job.parallelism, objective, job.trialTimeout));
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
