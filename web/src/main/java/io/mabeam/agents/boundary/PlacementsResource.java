package io.mabeam.agents.boundary;

import static io.mabeam.foundation.api.boundary.JsonBodies.duration;
import static io.mabeam.foundation.api.boundary.JsonBodies.object;
import static io.mabeam.foundation.api.boundary.JsonBodies.optionalInt;
import static io.mabeam.foundation.api.boundary.JsonBodies.text;

import io.mabeam.economics.boundary.Auctions;
import io.mabeam.economics.boundary.AuctionsResource;
import io.mabeam.economics.boundary.EconomicsBodies;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Placement auctions ({@code POST /auctions/placements}): slots on an agent node, sold to agents. */
@Path("v1/auctions/placements")
@Produces(MediaType.APPLICATION_JSON)
public class PlacementsResource {

    @EJB
    PlacementMarket market;

    /**
     * Sells spare slots on an agent node to agents: {@code {"node": "node-2", "slots": 2, "reserve": 0.5,
     * "duration": "PT30S", "kind": "uniform-price"|"vcg"}}; the winners are moved there when it closes.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response openPlacement(String body) {
        JsonObject json = object(body);
        Integer slots = optionalInt(json, "slots");
        if (slots == null) {
            throw DomainException.invalid("\"slots\" is a whole number of agents the node takes");
        }
        Long reserve = EconomicsBodies.optionalAmount(json, "reserve");
        Auctions.AuctionView view = market.open(
                text(json, "node"),
                slots,
                reserve == null ? 0 : reserve,
                duration(json, "duration", "PT1M"),
                text(json, "kind"));
        return Response.created(URI.create("v1/auctions/" + view.auction().id()))
                .entity(AuctionsResource.json(view).toString())
                .build();
    }
}
