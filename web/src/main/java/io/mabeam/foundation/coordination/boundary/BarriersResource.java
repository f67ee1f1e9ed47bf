package io.mabeam.foundation.coordination.boundary;

import static io.mabeam.foundation.api.boundary.JsonBodies.duration;
import static io.mabeam.foundation.api.boundary.JsonBodies.number;
import static io.mabeam.foundation.api.boundary.JsonBodies.object;
import static io.mabeam.foundation.api.boundary.JsonBodies.text;

import io.mabeam.foundation.coordination.entity.BarrierRound;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

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
    public String arrive(@PathParam("name") String name, @PathParam("round") long round, String body) {
        JsonObject request = object(body);
        int parties = (int) Math.min(Integer.MAX_VALUE, number(request, "parties", null));
        return json(synchronization.arrive(
                name, round, parties, text(request, "participant"), duration(request, "wait", "PT0S")));
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
