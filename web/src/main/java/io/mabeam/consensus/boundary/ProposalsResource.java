package io.mabeam.consensus.boundary;

import static io.mabeam.foundation.api.boundary.JsonBodies.duration;
import static io.mabeam.foundation.api.boundary.JsonBodies.object;
import static io.mabeam.foundation.api.boundary.JsonBodies.optionalInt;
import static io.mabeam.foundation.api.boundary.JsonBodies.strings;
import static io.mabeam.foundation.api.boundary.JsonBodies.text;

import io.mabeam.consensus.control.ConsensusJson;
import io.mabeam.consensus.entity.Proposal;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * Proposals put to agents: open one ({@code POST /proposals}; the electorate is asked at once), follow its rounds
 * and votes ({@code GET /proposals/{id}}), or cast an agent's vote ({@code POST /proposals/{id}/votes}).
 */
@Path("v1/proposals")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class ProposalsResource {

    @EJB
    Proposals proposals;

    @GET
    public String list(@QueryParam("status") String status, @QueryParam("limit") @DefaultValue("100") int limit) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        proposals.list(status, limit).forEach(view -> array.add(json(view)));
        return Json.createObjectBuilder().add("proposals", array).build().toString();
    }

    /**
     * {@code {"title": "...", "terms": {...}, "electorate": ["a1", "a2"] (or "capability": "voter"),
     * "rule": {"kind": "majority"|"supermajority"|"unanimous", "threshold": 0.75, "quorum": 2,
     * "weighting": "equal"|"reputation"}, "roundTimeout": "PT5S", "rounds": 3}}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response open(String body) {
        JsonObject json = object(body);
        if (json.containsKey("terms") && !(json.get("terms") instanceof JsonObject)) {
            throw DomainException.invalid("\"terms\" is a JSON object");
        }
        if (json.containsKey("rule") && !(json.get("rule") instanceof JsonObject)) {
            throw DomainException.invalid("\"rule\" is a JSON object");
        }
        Integer rounds = optionalInt(json, "rounds");
        List<String> electorate = json.containsKey("electorate") ? strings(json, "electorate") : null;
        Proposals.ProposalView view = proposals.open(
                text(json, "title"),
                json.get("terms") instanceof JsonObject terms ? terms : null,
                electorate,
                text(json, "capability"),
                json.get("rule") instanceof JsonObject rule ? rule : null,
                duration(json, "roundTimeout", "PT5S"),
                rounds);
        return Response.created(URI.create("v1/proposals/" + view.proposal().id()))
                .entity(json(view).toString())
                .build();
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") String id) {
        return json(proposals.get(id)).toString();
    }

    /** {@code {"agent": "a1", "ballot": "yes"|"no"|"abstain", "counter": {...}, "reason": "..."}}. */
    @POST
    @Path("{id}/votes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response vote(@PathParam("id") String id, String body) {
        JsonObject json = object(body);
        if (json.containsKey("counter") && !(json.get("counter") instanceof JsonObject)) {
            throw DomainException.invalid("\"counter\" is a JSON object of terms");
        }
        Proposals.ProposalView view = proposals.vote(
                id,
                text(json, "agent"),
                text(json, "ballot"),
                json.get("counter") instanceof JsonObject counter ? counter : null,
                text(json, "reason"));
        return Response.status(201).entity(json(view).toString()).build();
    }

    static JsonObject json(Proposals.ProposalView view) {
        Proposal p = view.proposal();
        JsonArrayBuilder votes = Json.createArrayBuilder();
        view.votes().forEach(v -> votes.add(ConsensusJson.vote(v)));
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", p.id())
                .add("title", p.title())
                .add("status", p.status().wireName())
                .add("terms", p.terms())
                .add("rule", ConsensusJson.rule(p.rule()))
                .add("electorate", Json.createArrayBuilder(p.electorate()))
                .add("roundTimeout", p.roundTimeout().toString())
                .add("maxRounds", p.maxRounds())
                .add("round", p.round())
                .add("roundClosesAt", p.roundClosesAt().toString())
                .add("rounds", p.rounds())
                .add("votes", votes)
                .add("node", p.node())
                .add("createdBy", p.createdBy())
                .add("createdAt", p.createdAt().toString());
        json.add(
                "decidedAt",
                p.decidedAt() == null
                        ? JsonValue.NULL
                        : Json.createValue(p.decidedAt().toString()));
        return json.build();
    }
}
