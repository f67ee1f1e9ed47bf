package io.mabeam.agents.boundary;

import static io.mabeam.foundation.api.boundary.JsonBodies.duration;
import static io.mabeam.foundation.api.boundary.JsonBodies.flag;
import static io.mabeam.foundation.api.boundary.JsonBodies.object;
import static io.mabeam.foundation.api.boundary.JsonBodies.strings;
import static io.mabeam.foundation.api.boundary.JsonBodies.text;

import io.mabeam.agents.control.PostOffice;
import io.mabeam.agents.entity.AgentSnapshot;
import io.mabeam.agents.entity.AgentSpec;
import io.mabeam.balancing.entity.Move;
import io.mabeam.balancing.entity.NodeLoad;
import io.mabeam.foundation.problems.DomainException;
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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
            @QueryParam("capability") String capability,
            @QueryParam("node") String node) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        agents.list(type, state, capability, node).forEach(view -> array.add(json(view)));
        return JSON.createObjectBuilder().add("agents", array).build().toString();
    }

    /**
     * Body: {@code {"id": "trainer-1", "type": "trainer", "config": {}, "restart": "permanent", "mailbox": 10000,
     * "topics": ["news"], "placement": "least-loaded", "node": "node-2", "requires": ["gpu"]}}: without
     * {@code placement}, {@code node} or {@code requires} it runs on the node asked.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response spawn(String body) {
        JsonObject json = object(body);
        String type = text(json, "type");
        if (type == null) {
            throw DomainException.invalid("an agent needs a \"type\"");
        }
        JsonValue config = json.get("config");
        if (config != null && config != JsonValue.NULL && !(config instanceof JsonObject)) {
            throw DomainException.invalid("\"config\" is a JSON object");
        }
        Integer mailbox = null;
        if (json.containsKey("mailbox")) {
            if (!(json.get("mailbox") instanceof JsonNumber number) || !number.isIntegral()) {
                throw DomainException.invalid("\"mailbox\" is a whole number of messages");
            }
            mailbox = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number.longValue()));
        }
        Agents.AgentView view = agents.spawn(
                text(json, "id"),
                type,
                config instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT,
                text(json, "restart"),
                mailbox,
                strings(json, "topics"),
                new Agents.Where(text(json, "placement"), text(json, "node"), Set.copyOf(strings(json, "requires"))));
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
     * Body: {@code {"message": {...}, "awaitReply": true, "timeout": "PT5S", "delivery": "at-least-once",
     * "messageId": "order-17"}}: the message in the agent type's JSON form, to the agent wherever it runs; 202
     * when sent without waiting, 200 with the answer or once handled (at least once).
     */
    @POST
    @Path("{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response send(@PathParam("id") String id, String body) {
        JsonObject json = object(body);
        if (!(json.get("message") instanceof JsonObject message)) {
            throw DomainException.invalid("the body needs \"message\": a JSON object in the agent type's form");
        }
        boolean await = flag(json, "awaitReply");
        String delivery = text(json, "delivery");
        if (delivery != null && !delivery.equals("at-most-once") && !delivery.equals("at-least-once")) {
            throw DomainException.invalid("\"delivery\" is at-most-once or at-least-once, not " + delivery);
        }
        boolean atLeastOnce = "at-least-once".equals(delivery);
        Agents.Sent sent = agents.send(id, message, await, timeout(json), atLeastOnce, text(json, "messageId"));
        JsonObjectBuilder answer =
                JSON.createObjectBuilder().add("status", sent.status().name().toLowerCase());
        if (sent.messageId() != null) {
            answer.add("messageId", sent.messageId());
        }
        sent.reply().ifPresent(reply -> answer.add("reply", reply));
        if (sent.status() == PostOffice.Status.SENT) {
            return Response.accepted(answer.add("sent", true).build().toString())
                    .build();
        }
        return Response.ok(answer.build().toString()).build();
    }

    /**
     * Body: {@code {"capability": "echo", "type": "echo", "topic": "news", "message": {...}, "awaitReply": true,
     * "timeout": "PT5S"}}: one message to every wanted agent that matches all the criteria given (all agents
     * with none), at most once each; the answer lists what became of it per agent.
     */
    @POST
    @Path("broadcast")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String broadcast(String body) {
        JsonObject json = object(body);
        return multicast(new Agents.Audience(text(json, "capability"), text(json, "type"), text(json, "topic")), json);
    }

    /** Body: {@code {"message": {...}, "awaitReply": false}}: to every agent subscribed to the topic. */
    @POST
    @Path("topics/{topic}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String publish(@PathParam("topic") String topic, String body) {
        return multicast(new Agents.Audience(null, null, topic), object(body));
    }

    private String multicast(Agents.Audience audience, JsonObject json) {
        if (!(json.get("message") instanceof JsonObject message)) {
            throw DomainException.invalid("the body needs \"message\": a JSON object in the agent types' form");
        }
        Map<String, PostOffice.Result> results =
                agents.multicast(audience, message, flag(json, "awaitReply"), timeout(json));
        JsonArrayBuilder recipients = JSON.createArrayBuilder();
        Map<String, Integer> counts = new TreeMap<>();
        results.forEach((agent, result) -> {
            JsonObjectBuilder entry = JSON.createObjectBuilder()
                    .add("agent", agent)
                    .add("status", result.status().name().toLowerCase());
            result.reply().ifPresent(reply -> entry.add("reply", reply));
            recipients.add(entry);
            counts.merge(result.status().name().toLowerCase(), 1, Integer::sum);
        });
        JsonObjectBuilder byStatus = JSON.createObjectBuilder();
        counts.forEach(byStatus::add);
        return JSON.createObjectBuilder()
                .add("addressed", results.size())
                .add("byStatus", byStatus)
                .add("recipients", recipients)
                .build()
                .toString();
    }

    @PUT
    @Path("{id}/topics/{topic}")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String subscribe(@PathParam("id") String id, @PathParam("topic") String topic) {
        return json(agents.subscribe(id, topic, true)).toString();
    }

    @DELETE
    @Path("{id}/topics/{topic}")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String unsubscribe(@PathParam("id") String id, @PathParam("topic") String topic) {
        return json(agents.subscribe(id, topic, false)).toString();
    }

    /** The nodes that host agents, with their load as last announced. */
    @GET
    @Path("nodes")
    public String nodes() {
        JsonArrayBuilder nodes = JSON.createArrayBuilder();
        for (NodeLoad load : agents.nodes()) {
            nodes.add(JSON.createObjectBuilder()
                    .add("node", load.node())
                    .add("agents", load.agents())
                    .add("queuedMessages", load.queuedMessages())
                    .add("cpuLoad", load.cpuLoad())
                    .add("performance", load.performance())
                    .add("capabilities", JSON.createArrayBuilder(new java.util.TreeSet<>(load.capabilities()))));
        }
        return JSON.createObjectBuilder().add("nodes", nodes).build().toString();
    }

    /** Evens out the agents over the nodes now: the moves planned (each agent stops, then starts on its new node). */
    @POST
    @Path("rebalance")
    @RolesAllowed(Role.ADMIN_NAME)
    public String rebalance() {
        JsonArrayBuilder moves = JSON.createArrayBuilder();
        for (Move move : agents.rebalance()) {
            moves.add(JSON.createObjectBuilder()
                    .add("agent", move.agent())
                    .add("from", move.from())
                    .add("to", move.to()));
        }
        return JSON.createObjectBuilder().add("moves", moves).build().toString();
    }

    private static Duration timeout(JsonObject json) {
        Duration timeout = duration(json, "timeout", "PT5S");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw DomainException.invalid("\"timeout\" is more than zero and at most PT5M");
        }
        return timeout;
    }

    JsonObject json(Agents.AgentView view) {
        AgentSpec spec = view.spec();
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", spec.id())
                .add("type", spec.type())
                .add("capabilities", JSON.createArrayBuilder(agents.capabilities(spec.type())))
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
                .add("updatedAt", spec.updatedAt().toString())
                .add("topics", JSON.createArrayBuilder(spec.topics()));
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
