package io.mabeam.agents.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * What one node's post office sends another, as one line of JSON:
 *
 * <ul>
 *   <li>{@code DELIVER} a message ({@code body}, in the agent type's JSON form) for agent {@code to}; it wants a
 *       {@code REPLY} when {@code wantsReply}, and an {@code ACK} once handled when {@code acknowledged}
 *       (at-least-once; {@code id} is then the key de-duplication uses);
 *   <li>{@code REPLY} the agent's answer ({@code body}) to message {@code id};
 *   <li>{@code ACK} what became of message {@code id} ({@code outcome});
 *   <li>{@code START} agent {@code to}: its row names the receiving node now;
 *   <li>{@code MIGRATE} agent {@code to} to the node named in {@code body} (rebalancing);
 *   <li>{@code INSPECT} agent {@code to}: its live state and performance come back as the {@code REPLY} to
 *       {@code id} (or an {@code ACK NOT_HERE}).
 * </ul>
 *
 * {@code from} is the sending node, where replies and acknowledgements go.
 */
public record Envelope(
        Kind kind,
        String id,
        String to,
        String from,
        JsonValue body,
        boolean wantsReply,
        boolean acknowledged,
        Outcome outcome) {

    public enum Kind {
        DELIVER,
        REPLY,
        ACK,
        START,
        MIGRATE,
        INSPECT
    }

    /** What became of a message at its agent's node. */
    public enum Outcome {
        /** The agent handled it (at-least-once). */
        HANDLED,
        /** It was handled before, under the same id: not delivered again. */
        DUPLICATE,
        /** The agent did not take it: its mailbox is full, or it is stopping. */
        REFUSED,
        /** The agent does not run on that node (it moved, or has not started yet). */
        NOT_HERE
    }

    public static Envelope deliver(
            String id, String to, String from, JsonValue body, boolean wantsReply, boolean acknowledged) {
        return new Envelope(Kind.DELIVER, id, to, from, body, wantsReply, acknowledged, null);
    }

    public static Envelope reply(String id, String from, JsonValue body) {
        return new Envelope(Kind.REPLY, id, null, from, body, false, false, null);
    }

    public static Envelope ack(String id, String from, Outcome outcome) {
        return ack(id, from, outcome, null);
    }

    /** An acknowledgement; a duplicate's carries the answer the agent gave when it handled the message. */
    public static Envelope ack(String id, String from, Outcome outcome, JsonValue answer) {
        return new Envelope(Kind.ACK, id, null, from, answer, false, false, outcome);
    }

    public static Envelope start(String agent, String from) {
        return new Envelope(Kind.START, null, agent, from, null, false, false, null);
    }

    public static Envelope migrate(String agent, String from, String target) {
        return new Envelope(Kind.MIGRATE, null, agent, from, Json.createValue(target), false, false, null);
    }

    public static Envelope inspect(String id, String agent, String from) {
        return new Envelope(Kind.INSPECT, id, agent, from, null, true, false, null);
    }

    public String toJson() {
        JsonObjectBuilder json =
                Json.createObjectBuilder().add("kind", kind.name()).add("from", from);
        if (id != null) {
            json.add("id", id);
        }
        if (to != null) {
            json.add("to", to);
        }
        if (body != null) {
            json.add("body", body);
        }
        if (wantsReply) {
            json.add("wantsReply", true);
        }
        if (acknowledged) {
            json.add("acknowledged", true);
        }
        if (outcome != null) {
            json.add("outcome", outcome.name());
        }
        return json.build().toString();
    }

    /** @throws IllegalArgumentException not an envelope */
    public static Envelope parse(String text) {
        try {
            JsonObject json = Json.createReader(new StringReader(text)).readObject();
            return new Envelope(
                    Kind.valueOf(json.getString("kind")),
                    json.getString("id", null),
                    json.getString("to", null),
                    json.getString("from"),
                    json.get("body"),
                    json.getBoolean("wantsReply", false),
                    json.getBoolean("acknowledged", false),
                    json.containsKey("outcome") ? Outcome.valueOf(json.getString("outcome")) : null);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an envelope: " + e.getMessage(), e);
        }
    }
}
