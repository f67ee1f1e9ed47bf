package io.mabeam.agents.control;

import io.mabeam.agents.control.Envelope.Outcome;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Location-transparent messaging between the nodes of a cluster: a message for an agent goes to the node that
 * runs it, is decoded there into the agent type's protocol, and its answer comes back to the sender's node.
 *
 * <p>At most once by default: a message sent to a node that just lost the agent is gone, as with
 * {@link AgentRef#tell}. At least once when asked: the sender sends again — to wherever the agent runs by then
 * — until the agent's node reports the message handled ({@link AgentRef#tell(Object, Runnable)}), and the
 * receiving side de-duplicates by message id, in a log the cluster shares ({@link HandledLog}), so a message
 * sent twice is handled once. The one window left is a node dying after its agent handled a message and before
 * the log recorded it: then the message is handled again on the agent's next node (at least once, not exactly
 * once).
 *
 * <p>Plain Java over three ports: the {@link Transport} between nodes (Hazelcast topics in the platform), the
 * agents of this node ({@link Recipients}) and the {@link HandledLog}.
 */
public final class PostOffice {

    /** Carries envelopes to a node. */
    public interface Transport {

        /** @throws RuntimeException the node cannot be reached now */
        void send(String node, Envelope envelope);
    }

    /** An agent of this node and how its messages are decoded. */
    public record Recipient(AgentRef<Object> agent, AgentType type) {}

    /** The agents running on this node. */
    public interface Recipients {

        Optional<Recipient> find(String agentId);

        /** A node was told to start an agent its row now gives it. */
        default void start(String agentId) {}

        /** A node was asked to hand one of its agents to {@code target} (rebalancing). */
        default void migrate(String agentId, String target) {}

        /** What this node knows live of one of its agents (state, counters, performance), as JSON. */
        default Optional<JsonValue> inspect(String agentId) {
            return Optional.empty();
        }
    }

    /** The ids of messages handled at least once, shared by the cluster, kept for a while. */
    public interface HandledLog {

        boolean handled(String messageId);

        void record(String messageId, String agentId);

        /** What the agent answered to a message it handled at least once (kept as long as the id). */
        default void answered(String messageId, JsonValue answer) {}

        default Optional<JsonValue> answer(String messageId) {
            return Optional.empty();
        }
    }

    /** Where the agent runs now, if anywhere reachable: asked again on every retry. */
    public interface Locator {

        Optional<String> nodeOf(String agentId);
    }

    /** What became of a message, and its answer when one was awaited and came. */
    public record Result(Status status, Optional<JsonValue> reply) {}

    public enum Status {
        /** Handled by the agent (at least once), or answered. */
        HANDLED,
        /** Handled earlier under the same id; not again. */
        DUPLICATE,
        /** Sent without waiting for anything (at most once). */
        SENT,
        /** The agent refused it: mailbox full, or stopping. */
        REFUSED,
        /** The agent's node is not a member now, or could not be reached. */
        UNREACHABLE,
        /** The node its row names answered that it does not run there (starting, moving, restarting). */
        NOT_RUNNING,
        /** No acknowledgement or answer in time. */
        TIMED_OUT
    }

    /** How a message is sent. */
    public record Delivery(boolean awaitReply, boolean atLeastOnce, Duration timeout, Duration retryEvery) {

        public Delivery {
            if (timeout.isNegative() || timeout.isZero() || retryEvery.isNegative() || retryEvery.isZero()) {
                throw new IllegalArgumentException("a timeout and a retry interval are positive");
            }
        }

        public static Delivery atMostOnce() {
            return new Delivery(false, false, Duration.ofSeconds(5), Duration.ofMillis(500));
        }
    }

    final String node;
    private final Transport transport;
    private final Recipients recipients;
    private final HandledLog handledLog;

    /** Messages sent from here, waiting for an answer or an acknowledgement, by id. */
    final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    /**
     * At-least-once messages handled here lately: a copy sent again while the first waited in the mailbox is
     * turned away when its turn comes (the shared log answers for copies that arrive later, or elsewhere).
     */
    private final Recent<Boolean> handledHere = new Recent<>(100_000);

    final LongAdder sent = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder resent = new LongAdder();
    private final LongAdder duplicates = new LongAdder();

    public PostOffice(String node, Transport transport, Recipients recipients, HandledLog handledLog) {
        this.node = node;
        this.transport = transport;
        this.recipients = recipients;
        this.handledLog = handledLog;
    }

    /**
     * Sends a message (already checked against the agent type) and waits as {@code delivery} says: for nothing
     * (at most once, not answered), for the answer, for the acknowledgement (at least once), or both. Blocks
     * the caller at most the timeout.
     */
    public Result send(String messageId, String agentId, JsonObject message, Delivery delivery, Locator locator)
            throws InterruptedException {
        boolean waits = delivery.awaitReply() || delivery.atLeastOnce();
        long deadline = System.nanoTime() + delivery.timeout().toNanos();
        Waiting wait = new Waiting();
        if (waits && waiting.putIfAbsent(messageId, wait) != null) {
            throw new AlreadySending(messageId);
        }
        try {
            int attempts = 0;
            while (true) {
                Optional<String> target = locator.nodeOf(agentId);
                boolean pause = true; // not there, or unreachable: give it time to get somewhere
                if (target.isPresent()) {
                    if (attempts++ > 0) {
                        resent.increment();
                    }
                    wait.ack = new CompletableFuture<>();
                    Envelope envelope = Envelope.deliver(
                            messageId, agentId, node, message, delivery.awaitReply(), delivery.atLeastOnce());
                    if (!waits && target.get().equals(node)) {
                        sent.increment();
                        // here: the mailbox's answer is known at once
                        return Multicast.local(deliver(envelope));
                    }
                    boolean transmitted = transmit(target.get(), envelope);
                    sent.increment();
                    if (transmitted && !waits) {
                        return new Result(Status.SENT, Optional.empty());
                    }
                    if (transmitted) {
                        Optional<Result> result = wait.await(delivery, deadline);
                        if (result.isPresent()) {
                            return result.get();
                        }
                        pause = wait.ack.isDone(); // told it is not there; else no answer in a retry interval
                    }
                }
                if (!delivery.atLeastOnce()) {
                    return new Result(
                            Waiting.remaining(deadline) > 0 ? Status.UNREACHABLE : Status.TIMED_OUT, Optional.empty());
                }
                long rest = Waiting.remaining(deadline);
                if (rest <= 0) {
                    return new Result(Status.TIMED_OUT, Optional.empty());
                }
                if (pause) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(delivery.retryEvery().toNanos() / 5, rest));
                }
            }
        } finally {
            if (waits) {
                waiting.remove(messageId, wait);
            }
        }
    }

    /** Tells a node to start an agent whose row now names it. */
    public boolean start(String targetNode, String agentId) {
        return transmit(targetNode, Envelope.start(agentId, node));
    }

    /**
     * What the node running an agent knows live of it; empty when that node does not answer in time or does not
     * run it.
     */
    public Optional<JsonValue> inspect(String targetNode, String agentId, Duration timeout)
            throws InterruptedException {
        String id = java.util.UUID.randomUUID().toString();
        Waiting wait = new Waiting();
        waiting.put(id, wait);
        try {
            if (!transmit(targetNode, Envelope.inspect(id, agentId, node))) {
                return Optional.empty();
            }
            CompletableFuture.anyOf(wait.reply, wait.ack).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return Optional.ofNullable(wait.reply.getNow(null));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } finally {
            waiting.remove(id);
        }
    }

    /** Asks the node running an agent to hand it to {@code target}. */
    public boolean migrate(String sourceNode, String agentId, String target) {
        return transmit(sourceNode, Envelope.migrate(agentId, node, target));
    }

    /**
     * One message to many agents at once (broadcast, multicast, a topic's subscribers), at most once each:
     * {@code nodes} gives each agent's node. With {@code awaitReply}, waits up to the timeout for all their
     * answers together; the agents that did not answer in time are {@code TIMED_OUT}.
     */
    public Map<String, Result> multicast(
            String messageId, Map<String, String> nodes, JsonObject message, boolean awaitReply, Duration timeout)
            throws InterruptedException {
        return Multicast.send(this, messageId, nodes, message, awaitReply, timeout);
    }

    /** False when the node cannot be reached. */
    boolean transmit(String target, Envelope envelope) {
        if (target.equals(node)) {
            receive(envelope);
            return true;
        }
        try {
            transport.send(target, envelope);
            return true;
        } catch (RuntimeException unreachable) {
            return false;
        }
    }

    /** An envelope for this node. */
    public void receive(Envelope envelope) {
        received.increment();
        switch (envelope.kind()) {
            case DELIVER:
                deliver(envelope);
                break;
            case REPLY:
                Waiting replyWait = waiting.get(envelope.id());
                if (replyWait != null) {
                    replyWait.reply.complete(envelope.body());
                }
                break;
            case ACK:
                Waiting ackWait = waiting.get(envelope.id());
                if (ackWait != null) {
                    if (envelope.body() != null) {
                        ackWait.stored = envelope.body();
                    }
                    ackWait.ack.complete(envelope.outcome());
                }
                break;
            case START:
                recipients.start(envelope.to());
                break;
            case INSPECT:
                Optional<JsonValue> seen = recipients.inspect(envelope.to());
                transmit(
                        envelope.from(),
                        seen.isPresent()
                                ? Envelope.reply(envelope.id(), node, seen.get())
                                : Envelope.ack(envelope.id(), node, Outcome.NOT_HERE));
                break;
            case MIGRATE:
                recipients.migrate(
                        envelope.to(),
                        envelope.body() instanceof jakarta.json.JsonString target ? target.getString() : null);
                break;
            default:
                throw new IllegalArgumentException("unknown envelope " + envelope.kind());
        }
    }

    /** What became of it here: NOT_HERE, REFUSED, or HANDLED for taken into the mailbox. */
    Outcome deliver(Envelope envelope) {
        String id = envelope.id();
        String from = envelope.from();
        Optional<Recipient> recipient = recipients.find(envelope.to());
        if (recipient.isEmpty()) {
            if (envelope.wantsReply() || envelope.acknowledged()) {
                transmit(from, Envelope.ack(id, node, Outcome.NOT_HERE));
            }
            return Outcome.NOT_HERE;
        }
        AgentRef<JsonValue> replyTo = envelope.wantsReply()
                ? AgentRef.of(envelope.to() + "/reply-to-" + from, answer -> {
                    if (envelope.acknowledged()) {
                        handledLog.answered(id, answer); // a send again gets it with its duplicate's acknowledgement
                    }
                    return transmit(from, Envelope.reply(id, node, answer));
                })
                : AgentRef.of(envelope.to() + "/no-reply", answer -> true);
        Object message;
        try {
            if (!(envelope.body() instanceof JsonObject body)) {
                throw new IllegalArgumentException("a message is a JSON object");
            }
            message = recipient.get().type().message(body, replyTo);
        } catch (IllegalArgumentException e) {
            transmit(from, Envelope.ack(id, node, Outcome.REFUSED)); // checked by the sender: a different version
            return Outcome.REFUSED;
        }
        AgentRef<Object> agent = recipient.get().agent();
        if (!envelope.acknowledged()) {
            if (agent.tell(message)) {
                return Outcome.HANDLED;
            }
            if (envelope.wantsReply()) {
                transmit(from, Envelope.ack(id, node, Outcome.REFUSED));
            }
            return Outcome.REFUSED;
        }
        if (handledLog.handled(id)) {
            duplicates.increment();
            transmit(from, duplicate(id));
            return Outcome.DUPLICATE;
        }
        boolean taken = agent.tell(message, new AgentRef.Acknowledgement() {
            @Override
            public boolean admit() {
                if (handledHere.contains(id)) { // a copy sent again while this one waited in the mailbox
                    duplicates.increment();
                    transmit(from, duplicate(id));
                    return false;
                }
                return true;
            }

            @Override
            public void handled() {
                handledHere.put(id, Boolean.TRUE);
                try {
                    handledLog.record(id, envelope.to());
                } finally {
                    transmit(from, Envelope.ack(id, node, Outcome.HANDLED));
                }
            }
        });
        if (!taken) {
            transmit(from, Envelope.ack(id, node, Outcome.REFUSED));
            return Outcome.REFUSED;
        }
        return Outcome.HANDLED;
    }

    /** A message with this id is being sent from this node already (at least once): wait for that send. */
    public static final class AlreadySending extends IllegalStateException {

        public AlreadySending(String messageId) {
            super("message " + messageId + " is being sent from here already");
        }
    }

    private Envelope duplicate(String id) {
        return Envelope.ack(id, node, Outcome.DUPLICATE, handledLog.answer(id).orElse(null));
    }

    /** Messages sent, sends repeated for at-least-once, envelopes received, duplicates not delivered. */
    public record Counters(long sent, long resent, long received, long duplicates, int waiting) {}

    public Counters counters() {
        return new Counters(sent.sum(), resent.sum(), received.sum(), duplicates.sum(), waiting.size());
    }

    /** For tests and tools: a locator that always answers the same node. */
    public static Locator at(String node) {
        return agent -> Optional.of(node);
    }
}
