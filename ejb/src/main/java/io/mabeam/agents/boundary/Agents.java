package io.mabeam.agents.boundary;

import io.mabeam.agents.control.AgentRef;
import io.mabeam.agents.control.AgentStore;
import io.mabeam.agents.control.AgentSystem;
import io.mabeam.agents.control.AgentType;
import io.mabeam.agents.control.PostOffice;
import io.mabeam.agents.control.TrainerAgent;
import io.mabeam.agents.entity.AgentLive;
import io.mabeam.agents.entity.AgentPerformance;
import io.mabeam.agents.entity.AgentSnapshot;
import io.mabeam.agents.entity.AgentSpec;
import io.mabeam.agents.entity.AgentState;
import io.mabeam.balancing.entity.Move;
import io.mabeam.balancing.entity.NodeLoad;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.control.CallerNames;
import io.mabeam.foundation.tasks.entity.RestartStrategy;
import io.mabeam.optimization.entity.Outcome;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Agents started through the platform: spawn one of a known type with its configuration (persisted first, so
 * it outlives its node), list and look at them, stop them, send them messages. Bad input is a 4xx problem and
 * changes nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Agents {

    private static final String UNIQUE_VIOLATION = "23505";

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    SessionContext session;

    @EJB
    AgentPlatform platform;

    @EJB
    AgentCluster agentCluster;

    final AgentStore store = new AgentStore();

    /**
     * An agent's spec with what its node knows of it now (when it runs on this node): its live state and its
     * performance over the last monitoring interval.
     */
    public record AgentView(AgentSpec spec, Optional<AgentSnapshot> live, Optional<AgentPerformance> performance) {}

    /** Where a new agent goes: a strategy, or a node named outright; and what its node must offer. */
    public record Where(String strategy, String node, Set<String> requires) {

        public static Where here() {
            return new Where(null, null, Set.of());
        }
    }

    /**
     * Spawns an agent: its spec persisted first (so it outlives its node), placed on a node of the cluster that
     * hosts agents, and started there.
     *
     * @throws DomainException 400 for an unknown type, a bad id, configuration, restart strategy, mailbox, topic or
     *     placement; 409 if the id is taken; 503 when no node offers what it requires
     */
    public AgentView spawn(
            String id,
            String typeName,
            JsonObject config,
            String restart,
            Integer mailbox,
            List<String> topics,
            Where where) {
        AgentRequests.checkId(id);
        AgentType type = AgentRequests.type(platform.types(), typeName, config);
        RestartStrategy strategy = AgentRequests.restart(restart);
        int capacity = AgentRequests.mailbox(mailbox);
        for (String topic : topics) {
            checkTopic(topic);
        }
        String node = node(where);
        AgentSpec spec = AgentRequests.newSpec(
                id, type, config, strategy, capacity, node, CallerNames.of(session.getCallerPrincipal()), topics);
        Jdbc.useConnection(dataSource, "recording agent " + id + " failed", connection -> {
            try {
                store.insert(connection, spec);
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw DomainException.conflict("an agent with id " + id + " exists");
                }
                throw e;
            }
        });
        if (!node.equals(platform.node())) {
            agentCluster.started(node, id); // its node starts it (or finds it at its next housekeeping)
            return view(spec);
        }
        try {
            platform.run(spec);
        } catch (AgentSystem.DuplicateAgent e) {
            forget(id);
            throw DomainException.conflict("an agent with id " + id + " runs on this node");
        } catch (RuntimeException e) {
            forget(id);
            throw e;
        }
        return view(spec);
    }

    private String node(Where where) {
        if (where.node() != null) {
            boolean hosts =
                    agentCluster.agentNodes().stream().anyMatch(n -> n.node().equals(where.node()));
            if (!hosts) {
                throw DomainException.invalid(
                        "node '" + where.node() + "' is not a member of the cluster that hosts agents");
            }
            return where.node();
        }
        if (where.strategy() == null && where.requires().isEmpty()) {
            return platform.node(); // where it was asked for, as before placement was asked
        }
        return agentCluster.place(AgentRequests.placement(where.strategy()), where.requires());
    }

    static void checkTopic(String topic) {
        AgentRequests.checkTopic(topic);
    }

    private List<AgentSpec> specs() {
        return Jdbc.inConnection(dataSource, "listing agents failed", connection -> store.list(connection));
    }

    public List<AgentView> list(String type, String state, String capability) {
        return list(type, state, capability, null);
    }

    /** The agents of a type, in a state, with a capability, on a node (nulls match any). */
    public List<AgentView> list(String type, String state, String capability, String node) {
        return Jdbc.inConnection(
                dataSource,
                "listing agents failed",
                connection -> store.list(connection).stream()
                        .filter(spec -> type == null || spec.type().equals(type))
                        .filter(spec -> node == null || spec.node().equals(node))
                        .filter(spec -> capability == null
                                || platform.types()
                                        .find(spec.type())
                                        .map(t -> t.capabilities().contains(capability))
                                        .orElse(false))
                        .map(spec -> view(spec))
                        .filter(view -> state == null || stateOf(view).name().equalsIgnoreCase(state))
                        .toList());
    }

    /** One agent, with what the node running it knows live of it (asked over the wire when another node). */
    public AgentView get(String id) {
        AgentSpec spec = spec(id);
        if (platform.node().equals(spec.node())) {
            return view(spec);
        }
        Optional<AgentLive> live = agentCluster.inspect(spec);
        return new AgentView(spec, live.map(AgentLive::snapshot), live.flatMap(AgentLive::performance));
    }

    /**
     * Has trainer {@code trainerId} evaluate one trial and waits for the outcome; the trainer is started on this
     * node first if it is not running here (batch partitions drive their trainers this way).
     *
     * @throws IllegalStateException when the trainer does not take the request or answer in time
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Outcome evaluateHere(
            String trainerId,
            String study,
            long number,
            Map<String, Object> parameters,
            String objective,
            Duration timeout) {
        AgentRef<?> trainer = platform.find(trainerId).orElseGet(() -> {
            spawn(
                    trainerId,
                    "trainer",
                    JsonValue.EMPTY_JSON_OBJECT,
                    null,
                    null,
                    List.of(),
                    new Where(null, platform.node(), Set.of()));
            return platform.find(trainerId)
                    .orElseThrow(() -> new IllegalStateException("trainer " + trainerId + " did not start here"));
        });
        if (!"trainer".equals(spec(trainerId).type())) {
            throw new IllegalStateException("agent " + trainerId + " is not a trainer");
        }
        @SuppressWarnings("unchecked")
        AgentRef<TrainerAgent.Command> ref = (AgentRef<TrainerAgent.Command>) trainer;
        return AgentRequests.evaluated(
                trainerId, number, TrainerAgent.evaluate(ref, study, number, parameters, objective, timeout));
    }

    /** Stops an agent wherever it runs (its node sees it is no longer wanted); the spec stays as a record. */
    public AgentView stop(String id) {
        AgentSpec spec = spec(id);
        Jdbc.useConnection(dataSource, "stopping agent " + id + " failed", connection -> {
            store.unwant(connection, id, "stopped through the API", Instant.now());
        });
        if (platform.node().equals(spec.node())) {
            platform.stopLocal(id);
        }
        return get(id);
    }

    /**
     * Starts an agent afresh as its next incarnation on the node that runs it (its state starts over, its
     * mailbox is dropped).
     *
     * @throws DomainException 404 unknown; 409 stopped, or changed meanwhile
     */
    public AgentView restart(String id) {
        AgentSpec spec = spec(id);
        if (!spec.wanted()) {
            throw DomainException.conflict("agent " + id + " was stopped; start a new one");
        }
        Jdbc.useConnection(dataSource, "restarting agent " + id + " failed", connection -> {
            if (!store.claim(connection, id, spec.incarnation(), spec.node(), Instant.now())) {
                throw DomainException.conflict("agent " + id + " changed meanwhile; look again");
            }
        });
        AgentSpec next = spec.withPlacement(spec.node(), spec.incarnation() + 1);
        if (platform.node().equals(spec.node())) {
            platform.stopLocal(id);
            platform.run(next);
        } else {
            agentCluster.started(spec.node(), id); // its node stops the old incarnation and starts this one
        }
        return get(id);
    }

    /** What became of a message sent through the API. */
    public record Sent(PostOffice.Status status, Optional<JsonValue> reply, String messageId) {}

    /**
     * Sends an agent a message in its type's JSON form, wherever in the cluster it runs: at most once, or at
     * least once (sent again until its node reports it handled; a {@code messageId} sent again is handled
     * once); with {@code awaitReply}, waits up to the timeout for its answer.
     *
     * @throws DomainException 404 unknown agent; 400 a message its type does not take, or a bad message id; 503 its
     *     mailbox is full, it stopped, or its node is not reachable; 504 no answer (or acknowledgement) in time
     */
    public Sent send(
            String id,
            JsonObject message,
            boolean awaitReply,
            Duration timeout,
            boolean atLeastOnce,
            String messageId) {
        AgentSpec spec = spec(id);
        AgentType type = platform.types().find(spec.type()).orElseThrow();
        try {
            type.message(message, AgentRef.of(id + "/check", answer -> true)); // refused here: nothing is sent
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        AgentRequests.checkSendable(spec, messageId);
        String key =
                messageId != null ? id + "|" + messageId : UUID.randomUUID().toString();
        PostOffice.Result result;
        try {
            result = agentCluster.send(
                    spec,
                    message,
                    new PostOffice.Delivery(awaitReply, atLeastOnce, timeout, Duration.ofMillis(500)),
                    key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(
                    DomainException.Reason.UNAVAILABLE, "Interrupted", "sending to agent " + id + " was interrupted");
        }
        AgentRequests.checkDelivered(result.status(), spec, atLeastOnce, timeout);
        return new Sent(result.status(), result.reply(), messageId);
    }

    /** Who gets a message sent to many agents; nulls match any. */
    public record Audience(String capability, String type, String topic) {}

    /**
     * One message to every wanted agent that matches (broadcast with no criteria; multicast by capability, type
     * or topic), at most once each. Agents whose type does not take the message are left out and named.
     *
     * @throws DomainException 400 a bad topic, or a message no matching agent's type takes
     */
    public Map<String, PostOffice.Result> multicast(
            Audience audience, JsonObject message, boolean awaitReply, Duration timeout) {
        if (audience.topic() != null) {
            checkTopic(audience.topic());
        }
        Map<String, PostOffice.Result> refused = new TreeMap<>();
        List<AgentSpec> recipients = AgentRequests.addressed(
                specs(), platform.types(), audience.capability(), audience.type(), audience.topic(), message, refused);
        if (recipients.isEmpty() && !refused.isEmpty()) {
            throw DomainException.invalid("no agent addressed takes this message (" + refused.size() + " refused it)");
        }
        try {
            Map<String, PostOffice.Result> results =
                    new TreeMap<>(agentCluster.multicast(recipients, message, awaitReply, timeout));
            results.putAll(refused);
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(
                    DomainException.Reason.UNAVAILABLE, "Interrupted", "the multicast was interrupted");
        }
    }

    /** Subscribes an agent to a topic, or unsubscribes it. */
    public AgentView subscribe(String id, String topic, boolean subscribed) {
        checkTopic(topic);
        Jdbc.useConnection(dataSource, "subscribing agent " + id + " failed", connection -> {
            if (!store.subscribe(connection, id, topic, subscribed, Instant.now())) {
                throw DomainException.notFound("no agent " + id);
            }
        });
        return get(id);
    }

    /** What an agent type offers (for lookup by capability), sorted; empty for an unknown type. */
    public List<String> capabilities(String type) {
        return platform.types()
                .find(type)
                .map(t -> List.copyOf(new java.util.TreeSet<>(t.capabilities())))
                .orElse(List.of());
    }

    /** The nodes hosting agents, with their load as last announced. */
    public List<NodeLoad> nodes() {
        return agentCluster.agentNodes();
    }

    /**
     * Moves an agent to an agent node (what a placement auction's winner gets).
     *
     * @return whether its node was asked to hand it over (false: it runs there already, or was stopped)
     * @throws DomainException 404 unknown agent, 400 a node that hosts no agents
     */
    public boolean move(String id, String node) {
        AgentSpec spec = spec(id);
        if (agentCluster.agentNodes().stream().noneMatch(load -> load.node().equals(node))) {
            throw DomainException.invalid("node " + node + " hosts no agents");
        }
        return agentCluster.move(spec, node);
    }

    /** Evens out the agents over the nodes now (it also happens by itself when a node joins). */
    public List<Move> rebalance() {
        return agentCluster.rebalance();
    }

    private AgentView view(AgentSpec spec) {
        return new AgentView(spec, platform.snapshot(spec.id()), platform.performance(spec.id()));
    }

    public static AgentState stateOf(AgentView view) {
        return view.live().map(AgentSnapshot::state).orElse(view.spec().state());
    }

    private AgentSpec spec(String id) {
        return Jdbc.inConnection(
                dataSource,
                "reading agent " + id + " failed",
                connection -> store.find(connection, id).orElseThrow(() -> DomainException.notFound("no agent " + id)));
    }

    private void forget(String id) {
        Jdbc.useConnection(dataSource, "forgetting agent " + id + " failed", connection -> {
            store.delete(connection, id);
        });
    }
}
