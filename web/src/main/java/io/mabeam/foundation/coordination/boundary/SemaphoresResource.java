package io.mabeam.foundation.coordination.boundary;

import io.mabeam.foundation.api.boundary.BoundBody;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Cluster-wide semaphores bounding how much work runs at once (trials on a GPU, calls to a paid service):
 * operators give one its permits once; the application's work takes and returns them.
 */
@Path("v1/coordination/semaphores/{name}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class SemaphoresResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    Synchronization synchronization;

    @GET
    public String get(@PathParam("name") String name) {
        return JSON.createObjectBuilder()
                .add("name", name)
                .add("available", synchronization.availablePermits(name))
                .build()
                .toString();
    }

    /** Body {@code {"permits": n}}; 409 when the semaphore has its permits already. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME})
    public Response init(@PathParam("name") String name, @Valid @NotNull Permits request) {
        int permits = request.permits;
        if (!synchronization.initSemaphore(name, permits)) {
            throw DomainException.conflict("semaphore '" + name + "' has its permits already ("
                    + synchronization.availablePermits(name) + " free)");
        }
        return Response.status(201).entity(get(name)).build();
    }

    /** {@code {"permits": n}}. */
    public static class Permits implements BoundBody {
        @NotNull(message = "the body needs \"permits\", a whole number")
        @Min(0)
        public Integer permits;
    }
}
