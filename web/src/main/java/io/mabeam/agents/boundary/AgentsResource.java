package io.mabeam.agents.boundary;

import static io.mabeam.foundation.api.boundary.JsonBodies.duration;
import static io.mabeam.foundation.api.boundary.JsonBodies.object;
import static io.mabeam.foundation.api.boundary.JsonBodies.text;

import io.mabeam.agents.entity.AgentSnapshot;
import io.mabeam.agents.entity.AgentSpec;
import io.mabeam.foundation.problems.Problem;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/**
 * Agents over REST: spawn one of a known type ({@code optimizer}, {@code trainer}, {@code echo}), list and
 * filter them, look at one (its spec and, on its node, its live state and counters), stop it, send it a
 * message and optionally wait for its answer.
 */
@Path("v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class AgentsResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    Agents agents;

    @GET
    public String list(
            @QueryParam("type") String type,
            @QueryParam("state") String state,
            @QueryParam("capability") String capability) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        agents.list(type, state, capability).forEach(view -> array.add(json(view)));
        return JSON.createObjectBuilder().add("agents", array).build().toString();
    }

    /**
     * Body: {@code {"id": "trainer-1", "type": "trainer", "config": {}, "restart": "permanent", "mailbox": 10000}}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response spawn(String body) {
        JsonObject json = object(body);
        String type = text(json, "type");
        if (type == null) {
            throw Problem.badRequest("an agent needs a \"type\"");
        }
        JsonValue config = json.get("config");
        if (config != null && config != JsonValue.NULL && !(config instanceof JsonObject)) {
            throw Problem.badRequest("\"config\" is a JSON object");
        }
        Integer mailbox = null;
        if (json.containsKey("mailbox")) {
            if (!(json.get("mailbox") instanceof JsonNumber number) || !number.isIntegral()) {
                throw Problem.badRequest("\"mailbox\" is a whole number of messages");
            }
            mailbox = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number.longValue()));
        }
        Agents.AgentView view = agents.spawn(
                text(json, "id"),
                type,
                config instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT,
                text(json, "restart"),
                mailbox);
        return Response.created(URI.create("v1/agents/" + view.spec().id()))
                .entity(json(view).toString())
                .build();
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") String id) {
        return json(agents.get(id)).toString();
    }

    @POST
    @Path("{id}/stop")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String stop(@PathParam("id") String id) {
        return json(agents.stop(id)).toString();
    }

    @POST
    @Path("{id}/restart")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String restart(@PathParam("id") String id) {
        return json(agents.restart(id)).toString();
    }

    /**
     * Body: {@code {"message": {...}, "awaitReply": true, "timeout": "PT5S"}}: the message in the agent type's
     * JSON form; 202 when sent without waiting, 200 with the answer.
     */
    @POST
    @Path("{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response send(@PathParam("id") String id, String body) {
        JsonObject json = object(body);
        if (!(json.get("message") instanceof JsonObject message)) {
            throw Problem.badRequest("the body needs \"message\": a JSON object in the agent type's form");
        }
        boolean await = json.getBoolean("awaitReply", false);
        Optional<JsonValue> reply = agents.send(id, message, await, duration(json, "timeout", "PT5S"));
        if (reply.isEmpty()) {
            return Response.accepted(
                            JSON.createObjectBuilder().add("sent", true).build().toString())
                    .build();
        }
        return Response.ok(JSON.createObjectBuilder()
                        .add("reply", reply.get())
                        .build()
                        .toString())
                .build();
    }

    static JsonObject json(Agents.AgentView view) {
        AgentSpec spec = view.spec();
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", spec.id())
                .add("type", spec.type())
                .add(
                        "config",
                        JSON.createReader(new java.io.StringReader(spec.config()))
                                .readObject())
                .add("restart", spec.restart().name().toLowerCase())
                .add("mailboxCapacity", spec.mailbox())
                .add("node", spec.node())
                .add("incarnation", spec.incarnation())
                .add("wanted", spec.wanted())
                .add("state", Agents.stateOf(view).name().toLowerCase())
                .add("createdBy", spec.createdBy())
                .add("createdAt", spec.createdAt().toString())
                .add("updatedAt", spec.updatedAt().toString());
        if (spec.reason() != null) {
            json.add("reason", spec.reason());
        }
        view.live().ifPresent(live -> json.add("live", live(live)));
        view.performance().ifPresent(p -> {
            JsonObjectBuilder performance = JSON.createObjectBuilder()
                    .add("messagesPerSecond", p.messagesPerSecond())
                    .add("successRate", p.successRate())
                    .add("mailbox", p.mailbox())
                    .add("restartsInInterval", p.restartsInInterval());
            if (!Double.isNaN(p.meanMicros())) {
                performance.add("meanMicros", p.meanMicros());
            }
            json.add("performance", performance);
        });
        return json.build();
    }

    static JsonObject live(AgentSnapshot live) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("state", live.state().name().toLowerCase())
                .add("mailbox", live.mailbox())
                .add("processed", live.processed())
                .add("failures", live.failures())
                .add("restarts", live.restarts())
                .add("children", live.children());
        if (!Double.isNaN(live.meanMicros())) {
            json.add("meanMicros", live.meanMicros());
        }
        return json.build();
    }
}
