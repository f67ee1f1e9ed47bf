package io.mabeam.foundation.coordination.boundary;

import io.mabeam.foundation.api.boundary.BoundBody;
import io.mabeam.foundation.api.boundary.OptionalBody;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * Cluster-wide countdown latches for clients: set a count, count down from anywhere, wait for zero. A latch
 * at zero is open, and can be set again.
 */
@Path("v1/coordination/latches/{name}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class LatchesResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    Synchronization synchronization;

    @GET
    public String get(@PathParam("name") String name) {
        return state(name, synchronization.latchCount(name));
    }

    /** Body {@code {"count": n}}; 409 while the latch is still counting down. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response set(@PathParam("name") String name, @Valid @NotNull LatchCount request) {
        int count = request.count;
        if (!synchronization.setLatch(name, count)) {
            throw DomainException.conflict("latch '" + name + "' is counting down (count "
                    + synchronization.latchCount(name) + "); it can be set again once open");
        }
        return Response.status(201).entity(state(name, count)).build();
    }

    @POST
    @Path("count-down")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String countDown(@PathParam("name") String name) {
        return state(name, synchronization.countDown(name));
    }

    /** Body {@code {"wait": "PT10S"}}: answers once the latch is open or the wait is over. */
    @POST
    @Path("waits")
    @Consumes(MediaType.APPLICATION_JSON)
    public String await(@PathParam("name") String name, @Valid LatchWait request) {
        Duration wait = request == null || request.wait == null ? Duration.ZERO : request.wait;
        boolean open = synchronization.awaitLatch(name, wait);
        return JSON.createObjectBuilder()
                .add("name", name)
                .add("open", open)
                .add("count", synchronization.latchCount(name))
                .build()
                .toString();
    }

    /** {@code {"count": n}}: how many count-downs open the latch. */
    public static class LatchCount implements BoundBody {
        @NotNull(message = "the body needs \"count\", a whole number")
        @Min(0)
        public Integer count;
    }

    /** {@code {"wait": "PT10S"}}, or no body: how long to wait for the latch to open (default not at all). */
    public static class LatchWait implements OptionalBody {
        public Duration wait = Duration.ZERO;
    }

    private static String state(String name, int count) {
        return JSON.createObjectBuilder()
                .add("name", name)
                .add("count", count)
                .add("open", count == 0)
                .build()
                .toString();
    }
}
