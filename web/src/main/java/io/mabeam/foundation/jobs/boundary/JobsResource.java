package io.mabeam.foundation.jobs.boundary;

import io.mabeam.foundation.jobs.entity.JobRun;
import io.mabeam.foundation.jobs.entity.JobSummary;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** The platform's batch jobs: which exist, their latest runs, starting one now. */
@Path("v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class JobsResource {

    @EJB
    Jobs jobs;

    @GET
    public List<JobSummary> all() {
        return jobs.all();
    }

    /** Starts a run; 202 with the run's location, to be polled until it ends. */
    @POST
    @Path("{name}/runs")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response start(@PathParam("name") String name, @Context UriInfo uri) {
        long id = jobs.start(name);
        return Response.accepted(jobs.run(id))
                .location(uri.getBaseUriBuilder().path("v1/jobs/runs/{id}").build(id))
                .build();
    }

    @GET
    @Path("runs/{id}")
    public JobRun run(@PathParam("id") long id) {
        return jobs.run(id);
    }
}
