package io.mabeam.agents.control;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Where to send an agent messages. {@link #tell} is fire-and-forget (at most once); {@link #ask} sends a
 * message that carries a reply address and completes with the reply, or exceptionally after the timeout.
 */
public interface AgentRef<M> {

    String id();

    /**
     * Puts the message in the agent's mailbox. False when the agent has stopped (the message becomes a dead
     * letter) or its mailbox is full and refuses more (back-pressure: the sender decides what to do).
     */
    boolean tell(M message);

    /**
     * Like {@link #tell}, for a sender that waits for the message to be handled: just before the agent's
     * behaviour would get it, {@link Acknowledgement#admit} may still turn it away (a copy handled meanwhile),
     * and once the behaviour has handled it without failing, {@link Acknowledgement#handled} runs — both on the
     * agent's thread. A message the agent stashes counts as handled; one whose handling fails, or that is still
     * queued when the agent stops, is never acknowledged. For an address that is not an agent, taking the
     * message is handling it.
     */
    default boolean tell(M message, Acknowledgement acknowledgement) {
        if (!acknowledgement.admit()) {
            return true;
        }
        boolean taken = tell(message);
        if (taken) {
            acknowledgement.handled();
        }
        return taken;
    }

    /** What at-least-once delivery hears from the agent's turn: see {@link #tell(Object, Acknowledgement)}. */
    interface Acknowledgement {

        /** False turns the message away unhandled and unacknowledged (handled already). */
        boolean admit();

        void handled();
    }

    /**
     * Request/reply: {@code ask(replyTo -> new GetCount(replyTo), timeout)}. Fails with
     * {@link java.util.concurrent.TimeoutException} when no reply comes in time and with
     * {@link MessageRefused} when the agent does not take the message.
     */
    default <R> CompletionStage<R> ask(Function<AgentRef<R>, M> request, Duration timeout) {
        ReplyTo<R> reply = new ReplyTo<>(id() + "/reply");
        if (!tell(request.apply(reply))) {
            reply.future.completeExceptionally(new MessageRefused(id()));
        }
        return reply.future.orTimeout(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * An address that is not an agent: each message goes to {@code receiver} on the sender's thread (adapters,
     * sinks); it answers whether it took the message.
     */
    static <M> AgentRef<M> of(String id, java.util.function.Predicate<M> receiver) {
        return new AgentRef<>() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public boolean tell(M message) {
                return receiver.test(message);
            }
        };
    }

    /** The reply address of one ask: its first message completes the ask. */
    final class ReplyTo<R> implements AgentRef<R> {

        private final String id;
        final CompletableFuture<R> future = new CompletableFuture<>();

        ReplyTo(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public boolean tell(R message) {
            return future.complete(message);
        }
    }

    /** The agent did not take the message: it has stopped, or its mailbox is full. */
    final class MessageRefused extends RuntimeException {

        public MessageRefused(String id) {
            super("agent " + id + " did not take the message (stopped, or its mailbox is full)", null, false, false);
        }
    }
}
