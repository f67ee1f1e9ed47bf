package io.mabeam.consensus.control;

import io.mabeam.consensus.entity.CastVote;
import io.mabeam.consensus.entity.Rule;
import io.mabeam.consensus.entity.Tally;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** Rules, tallies, votes and terms between JSON and Java. */
public final class ConsensusJson {

    private ConsensusJson() {}

    /**
     * @throws IllegalArgumentException an unknown kind or weighting, a bad threshold or quorum
     */
    public static Rule rule(JsonObject json) {
        if (json == null) {
            return Rule.majority();
        }
        for (String key : json.keySet()) {
            if (!java.util.Set.of("kind", "threshold", "quorum", "weighting").contains(key)) {
                throw new IllegalArgumentException("a rule has kind, threshold, quorum and weighting, not " + key);
            }
        }
        Rule.Kind kind = Rule.Kind.fromWire(json.getString("kind", "majority"))
                .orElseThrow(
                        () -> new IllegalArgumentException("a rule's kind is majority, supermajority or unanimous"));
        Rule.Weighting weighting = Rule.Weighting.fromWire(json.getString("weighting", "equal"))
                .orElseThrow(() -> new IllegalArgumentException("a rule's weighting is equal or reputation"));
        double threshold = kind == Rule.Kind.SUPERMAJORITY ? Rule.DEFAULT_SUPERMAJORITY : 0.5;
        if (json.containsKey("threshold")) {
            if (kind != Rule.Kind.SUPERMAJORITY || !(json.get("threshold") instanceof JsonNumber number)) {
                throw new IllegalArgumentException(
                        "only a supermajority has a threshold, a number above 1/2 and at most 1");
            }
            threshold = number.doubleValue();
        }
        int quorum = 0;
        if (json.containsKey("quorum")) {
            if (!(json.get("quorum") instanceof JsonNumber number) || !number.isIntegral() || number.intValue() < 1) {
                throw new IllegalArgumentException("a quorum is a whole number of members, at least 1");
            }
            quorum = number.intValue();
        }
        return new Rule(kind, threshold, quorum, weighting);
    }

    public static JsonObject rule(Rule rule) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("kind", rule.kind().wireName())
                .add("weighting", rule.weighting().wireName());
        if (rule.kind() == Rule.Kind.SUPERMAJORITY) {
            json.add("threshold", rule.threshold());
        }
        if (rule.quorum() > 0) {
            json.add("quorum", rule.quorum());
        }
        return json.build();
    }

    public static JsonObject tally(Tally tally) {
        return Json.createObjectBuilder()
                .add("decision", tally.decision().wireName())
                .add("yes", tally.yes())
                .add("no", tally.no())
                .add("abstain", tally.abstain())
                .add("timeout", tally.timeout())
                .add("yesWeight", tally.yesWeight())
                .add("noWeight", tally.noWeight())
                .add("quorum", tally.quorum())
                .build();
    }

    public static JsonObject vote(CastVote cast) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("round", cast.round())
                .add("agent", cast.vote().agent())
                .add("ballot", cast.vote().ballot().wireName())
                .add("weight", cast.vote().weight());
        if (!cast.vote().counter().isEmpty()) {
            json.add("counter", terms(cast.vote().counter()));
        }
        if (!cast.vote().reason().isEmpty()) {
            json.add("reason", cast.vote().reason());
        }
        return json.add("castBy", cast.castBy())
                .add("castAt", cast.castAt().toString())
                .build();
    }

    /** Terms as Java values: whole numbers as Long, other numbers as Double, strings, booleans, else the JSON. */
    public static Map<String, Object> terms(JsonObject json) {
        Map<String, Object> terms = new LinkedHashMap<>();
        json.forEach((name, value) -> terms.put(name, value(value)));
        return terms;
    }

    private static Object value(JsonValue value) {
        return switch (value.getValueType()) {
            case NUMBER ->
                ((JsonNumber) value).isIntegral()
                        ? (Object) ((JsonNumber) value).longValue()
                        : (Object) ((JsonNumber) value).doubleValue();
            case STRING -> ((JsonString) value).getString();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> value;
        };
    }

    public static JsonObject terms(Map<String, Object> terms) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        terms.forEach((name, value) -> {
            if (value instanceof Long l) {
                json.add(name, l);
            } else if (value instanceof Integer i) {
                json.add(name, i);
            } else if (value instanceof Number n) {
                json.add(name, n.doubleValue());
            } else if (value instanceof String s) {
                json.add(name, s);
            } else if (value instanceof Boolean b) {
                json.add(name, b);
            } else if (value instanceof JsonValue v) {
                json.add(name, v);
            } else {
                json.add(name, String.valueOf(value));
            }
        });
        return json.build();
    }

    /** The payload of {@code ProposalRefined}: the terms of the next round. */
    public static JsonObject refined(String proposal, int round, JsonObject terms) {
        return Json.createObjectBuilder()
                .add("proposal", proposal)
                .add("round", round)
                .add("terms", terms)
                .build();
    }

    /** The payload of {@code ProposalDecided}: the decision, the round and terms it was taken on, the tally. */
    public static JsonObject decided(String proposal, int round, JsonObject terms, Tally tally) {
        return Json.createObjectBuilder()
                .add("proposal", proposal)
                .add("decision", tally.decision().wireName())
                .add("round", round)
                .add("terms", terms)
                .add("tally", tally(tally))
                .build();
    }

    /** A closed round, as kept in the proposal's rounds and recorded as {@code RoundClosed}. */
    public static JsonObject closed(
            int round, JsonObject terms, Tally tally, String closedBy, String why, java.time.Instant closedAt) {
        return Json.createObjectBuilder()
                .add("round", round)
                .add("terms", terms)
                .add("tally", tally(tally))
                .add("closedBy", closedBy)
                .add("why", why)
                .add("closedAt", closedAt.toString())
                .build();
    }
}
