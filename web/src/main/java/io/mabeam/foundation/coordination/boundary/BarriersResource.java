package io.mabeam.foundation.coordination.boundary;

import io.mabeam.foundation.api.boundary.BoundBody;
import io.mabeam.foundation.coordination.entity.BarrierRound;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;

/**
 * Barriers for synchronous rounds: each participant arrives at a round and waits until all the round's
 * parties have; arriving again (after a timeout) is not counted twice.
 */
@Path("v1/coordination/barriers/{name}/rounds/{round}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class BarriersResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    Synchronization synchronization;

    @GET
    public String get(@PathParam("name") String name, @PathParam("round") long round) {
        return json(synchronization.round(name, round));
    }

    /** Body {@code {"participant": "trial-7", "parties": 4, "wait"?: "PT30S"}}. */
    @POST
    @Path("arrivals")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String arrive(
            @PathParam("name") String name, @PathParam("round") long round, @Valid @NotNull Arrival request) {
        Duration wait = request.wait == null ? Duration.ZERO : request.wait;
        return json(synchronization.arrive(name, round, request.parties, request.participant, wait));
    }

    /** {@code {"participant": "trial-7", "parties": 4, "wait"?: "PT30S"}}. */
    public static class Arrival implements BoundBody {
        /** Checked against the name rule by the domain. */
        @Size(max = 200)
        public String participant;

        @NotNull(message = "the body needs \"parties\", a whole number")
        @Min(1)
        public Integer parties;

        public Duration wait = Duration.ZERO;
    }

    static String json(BarrierRound round) {
        return JSON.createObjectBuilder()
                .add("barrier", round.barrier())
                .add("round", round.round())
                .add("parties", round.parties())
                .add("arrived", round.arrived())
                .add("open", round.open())
                .build()
                .toString();
    }
}
