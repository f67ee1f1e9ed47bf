package io.mabeam.agents.control;

import static io.mabeam.agents.control.Waiting.remaining;

import io.mabeam.agents.control.Envelope.Outcome;
import io.mabeam.agents.control.PostOffice.Result;
import io.mabeam.agents.control.PostOffice.Status;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link PostOffice#multicast}: one message to many agents, at most once each, their answers awaited together. */
final class Multicast {

    private Multicast() {}

    /** What a message sent at most once to an agent of this node became: the mailbox answers at once. */
    static Result local(Outcome here) {
        return new Result(
                here == Outcome.HANDLED ? Status.SENT : here == Outcome.REFUSED ? Status.REFUSED : Status.NOT_RUNNING,
                Optional.empty());
    }

    static Map<String, Result> send(
            PostOffice office,
            String messageId,
            Map<String, String> nodes,
            JsonObject message,
            boolean awaitReply,
            Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Result> results = new LinkedHashMap<>();
        Map<String, Waiting> waits = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> target : nodes.entrySet()) {
                String agentId = target.getKey();
                String id = messageId + "/" + agentId;
                Envelope envelope = Envelope.deliver(id, agentId, office.node, message, awaitReply, false);
                office.sent.increment();
                if (!awaitReply && target.getValue().equals(office.node)) {
                    results.put(agentId, local(office.deliver(envelope)));
                    continue;
                }
                Waiting wait = new Waiting();
                if (awaitReply) {
                    office.waiting.put(id, wait);
                    waits.put(agentId, wait);
                }
                if (!office.transmit(target.getValue(), envelope)) {
                    results.put(agentId, new Result(Status.UNREACHABLE, Optional.empty()));
                } else if (!awaitReply) {
                    results.put(agentId, new Result(Status.SENT, Optional.empty()));
                }
            }
            for (Map.Entry<String, Waiting> entry : waits.entrySet()) {
                if (results.containsKey(entry.getKey())) {
                    continue;
                }
                Waiting wait = entry.getValue();
                try {
                    CompletableFuture.anyOf(wait.reply, wait.ack)
                            .get(Math.max(0, remaining(deadline)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    results.put(entry.getKey(), new Result(Status.TIMED_OUT, Optional.empty()));
                    continue;
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
                JsonValue answer = wait.reply.getNow(null);
                Outcome outcome = wait.ack.getNow(null);
                results.put(
                        entry.getKey(),
                        answer != null
                                ? new Result(Status.HANDLED, Optional.of(answer))
                                : new Result(
                                        outcome == Outcome.REFUSED ? Status.REFUSED : Status.NOT_RUNNING,
                                        Optional.empty()));
            }
            return results;
        } finally {
            for (String agentId : waits.keySet()) {
                office.waiting.remove(messageId + "/" + agentId);
            }
        }
    }
}
