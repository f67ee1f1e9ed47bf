package io.mabeam.agents.control;

import io.mabeam.agents.control.Envelope.Outcome;
import io.mabeam.agents.control.PostOffice.Delivery;
import io.mabeam.agents.control.PostOffice.Result;
import io.mabeam.agents.control.PostOffice.Status;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A message the {@link PostOffice} sent and waits on: its answer, its acknowledgement (renewed for each send
 * again), and the answer a duplicate's acknowledgement brought; and how a send waits on it.
 */
final class Waiting {
    final CompletableFuture<JsonValue> reply = new CompletableFuture<>();
    volatile CompletableFuture<Outcome> ack = new CompletableFuture<>();
    /** The answer a duplicate's acknowledgement brought: what the agent said when it handled the message. */
    volatile JsonValue stored;

    /** Empty: try again (not there, or no acknowledgement within a retry interval). */
    Optional<Result> await(Delivery delivery, long deadline) throws InterruptedException {
        CompletableFuture<?> first = delivery.atLeastOnce()
                ? ack
                : CompletableFuture.anyOf(reply, ack); // at most once: a refusal ends the wait too
        long slice = delivery.atLeastOnce()
                ? Math.min(delivery.retryEvery().toNanos(), remaining(deadline))
                : remaining(deadline);
        try {
            first.get(Math.max(0, slice), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (remaining(deadline) <= 0) {
                return Optional.of(new Result(Status.TIMED_OUT, Optional.empty()));
            }
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        Outcome outcome = ack.getNow(null);
        if (outcome == Outcome.NOT_HERE) {
            return delivery.atLeastOnce()
                    ? Optional.empty()
                    : Optional.of(new Result(Status.NOT_RUNNING, Optional.empty()));
        }
        if (outcome == Outcome.REFUSED) {
            return Optional.of(new Result(Status.REFUSED, Optional.empty()));
        }
        JsonValue answered = reply.getNow(null); // the answer to one of this call's own sends
        if (!delivery.awaitReply() || answered != null) {
            return Optional.of(new Result(
                    outcome == Outcome.DUPLICATE && answered == null ? Status.DUPLICATE : Status.HANDLED,
                    Optional.ofNullable(answered)));
        }
        if (outcome == Outcome.DUPLICATE && stored != null) {
            // handled before (by an earlier send of this call whose answer was lost, or by another call with
            // this id): the answer the agent gave then
            return Optional.of(new Result(Status.DUPLICATE, Optional.of(stored)));
        }
        if (!delivery.atLeastOnce()) {
            try {
                return Optional.of(
                        new Result(Status.HANDLED, Optional.of(reply.get(remaining(deadline), TimeUnit.NANOSECONDS))));
            } catch (TimeoutException e) {
                return Optional.of(new Result(Status.TIMED_OUT, Optional.empty()));
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        // handled, the answer not here yet: wait a retry interval for it, then send again (the agent's node then
        // answers with what the agent said, once it has said it)
        try {
            JsonValue late = reply.get(
                    Math.max(0, Math.min(delivery.retryEvery().toNanos(), remaining(deadline))), TimeUnit.NANOSECONDS);
            return Optional.of(new Result(Status.HANDLED, Optional.of(late)));
        } catch (TimeoutException e) {
            return remaining(deadline) <= 0
                    ? Optional.of(new Result(Status.TIMED_OUT, Optional.empty()))
                    : Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    static long remaining(long deadline) {
        return deadline - System.nanoTime();
    }
}
