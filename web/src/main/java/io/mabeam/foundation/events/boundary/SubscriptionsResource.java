package io.mabeam.foundation.events.boundary;

import static io.mabeam.foundation.api.boundary.JsonBodies.objectOrEmpty;
import static io.mabeam.foundation.api.boundary.JsonBodies.optional;
import static io.mabeam.foundation.api.boundary.JsonBodies.text;

import io.mabeam.foundation.api.boundary.OptionalBody;
import io.mabeam.foundation.events.control.SubscriptionLog;
import io.mabeam.foundation.events.entity.GlobalPosition;
import io.mabeam.foundation.events.entity.Subscription;
import io.mabeam.foundation.events.entity.SubscriptionStatus;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Durable subscriptions over HTTP, for consumers outside the application: create one with a filter and
 * a starting point, fetch what it has not acknowledged yet ({@code GET …/events}), acknowledge the
 * position of the last event handled ({@code POST …/ack}). Its checkpoint lives in the database, so a
 * consumer that goes away resumes where it acknowledged (at-least-once). In-process subscriptions are
 * listed here too, with their lag and last error; an operator can move any checkpoint to replay.
 */
@Path("v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class SubscriptionsResource {

    @EJB
    Subscriptions subscriptions;

    @GET
    public String list() {
        JsonArrayBuilder all = Json.createArrayBuilder();
        subscriptions.list().forEach(status -> all.add(json(status)));
        return all.build().toString();
    }

    /** Body {@code {"type"?, "stream"? (prefix), "from"?: "start" | "end" | position}}. */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response subscribe(@PathParam("name") String name, String body, @Context UriInfo uri) {
        JsonObject request = objectOrEmpty(body);
        SubscriptionLog.Created result =
                subscriptions.subscribe(name, text(request, "type"), text(request, "stream"), text(request, "from"));
        String json = json(subscriptions.status(result.subscription().name())).toString();
        return result.created()
                ? Response.created(uri.getAbsolutePath()).entity(json).build()
                : Response.ok(json).build();
    }

    @GET
    @Path("{name}")
    public String status(@PathParam("name") String name) {
        return json(subscriptions.status(name)).toString();
    }

    /** The next events the subscription has not acknowledged, oldest first; reading moves nothing. */
    @GET
    @Path("{name}/events")
    public String next(@PathParam("name") String name, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw DomainException.invalid("limit is 1 to 1000");
        }
        return EventsResource.array(subscriptions.next(name, limit)).toString();
    }

    /** Body {@code {"position": "<transaction>.<sequence>"}}: everything up to it is handled. */
    @POST
    @Path("{name}/ack")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String acknowledge(@PathParam("name") String name, @Valid PositionRequest request) {
        return json(subscriptions.acknowledge(name, position(request))).toString();
    }

    /** Body {@code {"position": …}}: moves the checkpoint anywhere, backwards to replay. Admins only. */
    @PUT
    @Path("{name}/checkpoint")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    public String reset(@PathParam("name") String name, @Valid PositionRequest request) {
        return json(subscriptions.reset(name, position(request))).toString();
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response delete(@PathParam("name") String name) {
        subscriptions.delete(name);
        return Response.noContent().build();
    }

    static JsonObject json(SubscriptionStatus status) {
        Subscription subscription = status.subscription();
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("name", subscription.name())
                .add("kind", subscription.kind().column())
                .add("checkpoint", subscription.checkpoint().toString())
                .add("delivered", subscription.delivered())
                .add("lag", status.lag())
                .add("updatedAt", subscription.updatedAt().toString());
        optional(json, "type", subscription.type());
        optional(json, "stream", subscription.streamPrefix());
        optional(json, "lastError", subscription.lastError());
        optional(
                json,
                "lastErrorAt",
                subscription.lastErrorAt() == null
                        ? null
                        : subscription.lastErrorAt().toString());
        return json.build();
    }

    /** {@code {"position": "<transaction>.<sequence>"}}; an empty body is read, and refused for its missing position. */
    public static class PositionRequest implements OptionalBody {
        @Size(max = 100)
        public String position;
    }

    private static GlobalPosition position(PositionRequest request) {
        String position = request == null ? null : request.position;
        if (position == null) {
            throw DomainException.invalid("the body names a \"position\"");
        }
        try {
            return GlobalPosition.parse(position);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
    }
}
