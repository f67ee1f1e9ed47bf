package io.mabeam.consensus.boundary;

import io.mabeam.consensus.control.ConsensusJson;
import io.mabeam.consensus.entity.Proposal;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
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
import java.time.Duration;
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

    /** A proposal to put to agents; what each field may hold is checked by {@link Proposals#open}. */
    public static class ProposalRequest {
        /** What is proposed, in a few words. */
        public String title;

        /** The terms voted on: any JSON object. */
        public JsonObject terms;

        /** The agents asked, by id; or {@link #capability} names who is asked. */
        public List<String> electorate;

        /** The capability of the agents asked, when no electorate is named. */
        public String capability;

        /** {@code {"kind": "majority"|"supermajority"|"unanimous", "threshold", "quorum", "weighting"}}. */
        public JsonObject rule;

        /** How long a round waits for votes. */
        public Duration roundTimeout = Duration.ofSeconds(5);

        /** Rounds at the most before the proposal lapses. */
        public Integer rounds;
    }

    /**
     * {@code {"title": "...", "terms": {...}, "electorate": ["a1", "a2"] (or "capability": "voter"),
     * "rule": {"kind": "majority"|"supermajority"|"unanimous", "threshold": 0.75, "quorum": 2,
     * "weighting": "equal"|"reputation"}, "roundTimeout": "PT5S", "rounds": 3}}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response open(@NotNull ProposalRequest request) {
        Proposals.ProposalView view = proposals.open(
                request.title,
                request.terms,
                request.electorate,
                request.capability,
                request.rule,
                request.roundTimeout,
                request.rounds);
        return Response.created(URI.create("v1/proposals/" + view.proposal().id()))
                .entity(json(view).toString())
                .build();
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") String id) {
        return json(proposals.get(id)).toString();
    }

    /** An agent's vote on a proposal's current round. */
    public static class VoteRequest {
        /** The agent that votes (one of the electorate). */
        public String agent;

        /** {@code yes}, {@code no} or {@code abstain}. */
        public String ballot;

        /** Terms the agent would accept instead: a JSON object. */
        public JsonObject counter;

        /** Why, in a few words. */
        public String reason;
    }

    /** {@code {"agent": "a1", "ballot": "yes"|"no"|"abstain", "counter": {...}, "reason": "..."}}. */
    @POST
    @Path("{id}/votes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response vote(@PathParam("id") String id, @NotNull VoteRequest vote) {
        Proposals.ProposalView view = proposals.vote(id, vote.agent, vote.ballot, vote.counter, vote.reason);
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
