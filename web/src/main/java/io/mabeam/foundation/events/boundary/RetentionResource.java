package io.mabeam.foundation.events.boundary;

import io.mabeam.foundation.api.boundary.BoundBody;
import io.mabeam.foundation.events.entity.RetentionOutcome;
import io.mabeam.foundation.events.entity.RetentionPolicy;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Retention policies of the event store: which streams (by prefix) keep events how long, and
 * whether older ones are archived or deleted. The nightly {@code event-retention} job applies them;
 * {@code POST …/run} applies them now and answers what happened.
 */
@Path("v1/events/retention")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class RetentionResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    Retention retention;

    @GET
    public String policies() {
        JsonArrayBuilder all = JSON.createArrayBuilder();
        for (RetentionPolicy policy : retention.policies()) {
            all.add(json(policy));
        }
        return all.build().toString();
    }

    /** Body {@code {"streamPrefix", "maxAge": "P30D", "action": "archive" | "delete"}}. Admins only. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response setPolicy(@Valid @NotNull PolicyRequest request) {
        boolean created = retention.setPolicy(request.streamPrefix, request.maxAge, request.action);
        return Response.status(created ? 201 : 200).entity(policies()).build();
    }

    /** A policy as a request gives it; the domain checks the prefix, the age and the action. */
    public static class PolicyRequest implements BoundBody {
        @NotNull(message = "a policy names its \"streamPrefix\"")
        public String streamPrefix;

        /** Kept as text: the domain reads it (P30D) and says what is wrong with it. */
        @NotNull(message = "a policy gives \"maxAge\" as an ISO-8601 duration such as P30D")
        public String maxAge;

        @NotNull(message = "a policy's \"action\" is archive or delete")
        public String action;
    }

    @DELETE
    @RolesAllowed(Role.ADMIN_NAME)
    public Response removePolicy(@QueryParam("streamPrefix") String streamPrefix) {
        if (streamPrefix == null) {
            throw DomainException.invalid("name the policy: ?streamPrefix=…");
        }
        retention.removePolicy(streamPrefix);
        return Response.noContent().build();
    }

    /** Applies every policy now; answers per policy what went and what a subscription held back. */
    @POST
    @Path("run")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String run() {
        JsonArrayBuilder outcomes = JSON.createArrayBuilder();
        for (RetentionOutcome outcome : retention.applyAll()) {
            JsonObjectBuilder json = JSON.createObjectBuilder()
                    .add("policy", json(outcome.policy()))
                    .add("cutoff", outcome.cutoff().toString())
                    .add("removed", outcome.removed())
                    .add("heldBack", outcome.heldBack());
            if (outcome.first() != null) {
                json.add("firstPosition", outcome.first().toString())
                        .add("lastPosition", outcome.last().toString());
            }
            if (outcome.heldBackBy() != null) {
                json.add("heldBackBy", outcome.heldBackBy());
            }
            outcomes.add(json);
        }
        return outcomes.build().toString();
    }

    private static JsonObject json(RetentionPolicy policy) {
        return JSON.createObjectBuilder()
                .add("streamPrefix", policy.streamPrefix())
                .add("maxAge", policy.maxAge().toString())
                .add("action", policy.action().column())
                .add("createdBy", policy.createdBy())
                .add("createdAt", policy.createdAt().toString())
                .build();
    }
}
