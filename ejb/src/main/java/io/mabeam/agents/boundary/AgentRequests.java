package io.mabeam.agents.boundary;

import io.mabeam.agents.control.AgentRef;
import io.mabeam.agents.control.AgentSystem;
import io.mabeam.agents.control.AgentType;
import io.mabeam.agents.control.AgentTypes;
import io.mabeam.agents.control.PostOffice;
import io.mabeam.agents.entity.AgentSpec;
import io.mabeam.agents.entity.AgentState;
import io.mabeam.balancing.entity.PlacementStrategy;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.tasks.entity.RestartStrategy;
import io.mabeam.optimization.entity.Outcome;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * What {@link Agents} checks of a request before it acts (and the spec or audience it makes of it), and what it
 * makes of a send's status, each as the
 * {@link DomainException} the API answers (400 for bad input; 503 or 504 for a message that did not get through).
 */
final class AgentRequests {

    /** Paths under {@code /api/v1/agents} that are not agents. */
    private static final Set<String> RESERVED_IDS = Set.of("broadcast", "nodes", "rebalance", "topics");

    private AgentRequests() {}

    static void checkId(String id) {
        if (id == null || !AgentSystem.ID.matcher(id).matches() || id.contains("/")) {
            throw DomainException.invalid(
                    "an agent \"id\" is 1 to 200 letters, digits or . : _ - starting with a letter or"
                            + " digit ('/' is kept for the children agents start)");
        }
        if (RESERVED_IDS.contains(id)) {
            throw DomainException.invalid("\"" + id + "\" names a resource of the agents API; choose another id");
        }
    }

    /** The type named, once it has checked the configuration. */
    static AgentType type(AgentTypes types, String typeName, JsonObject config) {
        AgentType type = types.find(typeName)
                .orElseThrow(() ->
                        DomainException.invalid("unknown agent type '" + typeName + "'; types: " + types.names()));
        try {
            type.validate(config);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        return type;
    }

    static RestartStrategy restart(String restart) {
        try {
            return restart == null ? RestartStrategy.PERMANENT : RestartStrategy.valueOf(restart.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("\"restart\" is permanent, transient or temporary, not " + restart);
        }
    }

    static int mailbox(Integer mailbox) {
        int capacity = mailbox == null ? 10_000 : mailbox;
        if (capacity < 1 || capacity > 1_000_000) {
            throw DomainException.invalid("\"mailbox\" holds 1 to 1000000 messages");
        }
        return capacity;
    }

    static PlacementStrategy placement(String strategy) {
        try {
            return strategy == null
                    ? PlacementStrategy.CAPABILITY_AWARE
                    : PlacementStrategy.valueOf(strategy.toUpperCase().replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("\"placement\" is round-robin, least-loaded, capability-aware or "
                    + "performance-weighted, not " + strategy);
        }
    }

    static void checkTopic(String topic) {
        if (topic == null || !AgentSpec.TOPIC.matcher(topic).matches()) {
            throw DomainException.invalid(
                    "a topic is 1 to 100 letters, digits or . _ - starting with a letter or digit");
        }
    }

    /** A message (with this id, if any) may go to the agent: the id is well formed and the agent not stopped. */
    static void checkSendable(AgentSpec spec, String messageId) {
        if (messageId != null && !AgentSystem.ID.matcher(messageId).matches()) {
            throw DomainException.invalid("a \"messageId\" is 1 to 200 letters, digits or . : _ - / ");
        }
        if (!spec.wanted()) {
            throw unavailable("Stopped", "agent " + spec.id() + " was stopped; it takes no messages");
        }
    }

    /** Nothing when the message got through ({@code SENT}, {@code HANDLED}, {@code DUPLICATE}). */
    static void checkDelivered(PostOffice.Status status, AgentSpec spec, boolean atLeastOnce, Duration timeout) {
        switch (status) {
            case REFUSED:
                throw unavailable(
                        "Mailbox full", "agent " + spec.id() + " did not take the message (stopping, or full)");
            case UNREACHABLE:
                throw unavailable(
                        "Not reachable",
                        "agent " + spec.id() + " is on node " + spec.node() + ", which is not reachable now; it is"
                                + " restarted elsewhere if its node left — send again, or ask for at-least-once"
                                + " delivery");
            case NOT_RUNNING:
                throw unavailable(
                        "Not running",
                        "node " + spec.node() + " answered that agent " + spec.id() + " does not run there now (it is"
                                + " starting, moving or restarting) — send again, or ask for at-least-once"
                                + " delivery");
            case TIMED_OUT:
                throw new DomainException(
                        DomainException.Reason.TIMED_OUT,
                        "No reply",
                        "agent " + spec.id() + (atLeastOnce ? " did not acknowledge" : " did not answer") + " within "
                                + timeout);
            default:
                return;
        }
    }

    /** A new agent's spec: its first incarnation, registered on {@code node}, its topics sorted. */
    static AgentSpec newSpec(
            String id,
            AgentType type,
            JsonObject config,
            RestartStrategy strategy,
            int capacity,
            String node,
            String owner,
            List<String> topics) {
        Instant now = Instant.now();
        return new AgentSpec(
                id,
                type.name(),
                config.toString(),
                strategy,
                capacity,
                node,
                1,
                true,
                AgentState.REGISTERED,
                null,
                owner,
                now,
                now,
                List.copyOf(new TreeSet<>(topics)));
    }

    /**
     * The wanted agents of {@code specs} a multicast addresses (nulls match any); those whose type does not take
     * the message go to {@code refused} instead.
     */
    static List<AgentSpec> addressed(
            List<AgentSpec> specs,
            AgentTypes types,
            String capability,
            String typeName,
            String topic,
            JsonObject message,
            Map<String, PostOffice.Result> refused) {
        List<AgentSpec> recipients = new ArrayList<>();
        for (AgentSpec spec : specs) {
            AgentType type = types.find(spec.type()).orElse(null);
            if (!spec.wanted()
                    || type == null
                    || (typeName != null && !spec.type().equals(typeName))
                    || (capability != null && !type.capabilities().contains(capability))
                    || (topic != null && !spec.topics().contains(topic))) {
                continue;
            }
            try {
                type.message(message, AgentRef.of(spec.id() + "/check", answer -> true));
                recipients.add(spec);
            } catch (IllegalArgumentException e) {
                refused.put(spec.id(), new PostOffice.Result(PostOffice.Status.REFUSED, Optional.empty()));
            }
        }
        return recipients;
    }

    /**
     * The outcome of trial {@code number} a trainer evaluates, once it has.
     *
     * @throws IllegalStateException interrupted, or the trainer did not evaluate it
     */
    static Outcome evaluated(String trainerId, long number, CompletableFuture<Outcome> evaluation) {
        try {
            return evaluation.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trainer " + trainerId + " evaluated trial " + number);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "trainer " + trainerId + " did not evaluate trial " + number + ": " + e.getCause(), e.getCause());
        }
    }

    /** A 503: the message cannot get through now. */
    private static DomainException unavailable(String title, String detail) {
        return new DomainException(DomainException.Reason.UNAVAILABLE, title, detail);
    }
}
