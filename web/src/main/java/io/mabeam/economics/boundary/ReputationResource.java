package io.mabeam.economics.boundary;

import io.mabeam.economics.entity.Reputation;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Agents' reputations from recorded outcomes: all agents with outcomes, or one (1/2 without any). */
@Path("v1/reputation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class ReputationResource {

    @EJB
    Reputations reputations;

    @GET
    public String list() {
        JsonArrayBuilder array = Json.createArrayBuilder();
        reputations.all().forEach(r -> array.add(json(r)));
        return Json.createObjectBuilder()
                .add("halfLife", reputations.currentHalfLife().toString())
                .add("agents", array)
                .build()
                .toString();
    }

    @GET
    @Path("{agent}")
    public String get(@PathParam("agent") String agent) {
        return json(reputations.get(agent)).toString();
    }

    static JsonObject json(Reputation reputation) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("agent", reputation.agent())
                .add("score", reputation.score())
                .add("outcomes", reputation.outcomes())
                .add("evidence", reputation.evidence());
        if (reputation.lastOutcome() != null) {
            json.add("lastOutcome", reputation.lastOutcome().toString());
        }
        return json.build();
    }
}
