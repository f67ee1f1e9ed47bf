package io.mabeam.consensus.control;

import io.mabeam.agents.control.AgentEnvironment;
import io.mabeam.agents.control.AgentRef;
import io.mabeam.agents.control.AgentType;
import io.mabeam.agents.control.Behavior;
import io.mabeam.agents.control.Behaviors;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * An agent that votes on proposals by its own limits: for each term it cares about, a range ({@code min},
 * {@code max}) or a set of acceptable values ({@code in}). It answers yes when every such term of the proposal is
 * acceptable, no (countering with the nearest acceptable values) when one is not, and abstains when the proposal
 * has none of its terms. {@code delay} makes it answer that much later (a slow member, for deadlines).
 *
 * <p>Configuration: {@code {"accept": {"lr": {"min": 0.001, "max": 0.1}, "optimizer": {"in": ["adam", "sgd"]}},
 * "delay": "PT0.5S"}}. Message: {@code {"type": "vote", "proposal": id, "round": n, "terms": {...}}}; answer:
 * {@code {"ballot": "yes"|"no"|"abstain", "counter": {...}, "reason": "..."}}.
 */
public final class VoterType implements AgentType {

    /** A proposal to vote on, and a delayed answer to send. */
    sealed interface VoterMessage permits Ask, Answer {}

    record Ask(JsonObject proposal, AgentRef<JsonValue> replyTo) implements VoterMessage {}

    record Answer(JsonObject answer, AgentRef<JsonValue> replyTo) implements VoterMessage {}

    @Override
    public String name() {
        return "voter";
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("voter");
    }

    @Override
    public void validate(JsonObject config) {
        for (String key : config.keySet()) {
            if (!key.equals("accept") && !key.equals("delay")) {
                throw new IllegalArgumentException(
                        "a voter's configuration has \"accept\" and \"delay\", not \"" + key + "\"");
            }
        }
        if (!(config.getOrDefault("accept", JsonValue.EMPTY_JSON_OBJECT) instanceof JsonObject accept)) {
            throw new IllegalArgumentException("\"accept\" maps terms to {\"min\", \"max\"} or {\"in\": [...]}");
        }
        for (Map.Entry<String, JsonValue> limit : accept.entrySet()) {
            if (!(limit.getValue() instanceof JsonObject rule)
                    || rule.isEmpty()
                    || !Set.of("min", "max", "in").containsAll(rule.keySet())
                    || (rule.containsKey("in")
                            && (rule.size() > 1
                                    || !(rule.get("in") instanceof jakarta.json.JsonArray values)
                                    || values.isEmpty()))
                    || (rule.containsKey("min") && !(rule.get("min") instanceof JsonNumber))
                    || (rule.containsKey("max") && !(rule.get("max") instanceof JsonNumber))) {
                throw new IllegalArgumentException("the limit of term \"" + limit.getKey()
                        + "\" is {\"min\": n, \"max\": n} (either or both) or {\"in\": [values]}");
            }
            if (rule.containsKey("min")
                    && rule.containsKey("max")
                    && rule.getJsonNumber("min").doubleValue()
                            > rule.getJsonNumber("max").doubleValue()) {
                throw new IllegalArgumentException("the limit of term \"" + limit.getKey() + "\" has min above max");
            }
        }
        delay(config);
    }

    private static Duration delay(JsonObject config) {
        if (!config.containsKey("delay")) {
            return Duration.ZERO;
        }
        try {
            Duration delay = Duration.parse(((JsonString) config.get("delay")).getString());
            if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("a voter's delay is PT0S to PT5M");
            }
            return delay;
        } catch (ClassCastException | DateTimeParseException e) {
            throw new IllegalArgumentException("a voter's delay is an ISO-8601 duration such as PT0.5S");
        }
    }

    @Override
    public Behavior<?> behavior(JsonObject config, AgentEnvironment environment) {
        JsonObject accept =
                config.getOrDefault("accept", JsonValue.EMPTY_JSON_OBJECT).asJsonObject();
        Duration delay = delay(config);
        return Behaviors.<VoterMessage>setup(context -> (ctx, message) -> {
            if (message instanceof Ask ask) {
                JsonObject answer = judge(accept, ask.proposal().getJsonObject("terms"));
                if (delay.isZero()) {
                    ask.replyTo().tell(answer);
                } else {
                    ctx.startTimer(ask, new Answer(answer, ask.replyTo()), delay);
                }
            } else if (message instanceof Answer answer) {
                answer.replyTo().tell(answer.answer());
            }
            return Behaviors.same();
        });
    }

    /** The ballot for {@code terms} under the limits, with the nearest acceptable terms when it is a no. */
    static JsonObject judge(JsonObject accept, JsonObject terms) {
        JsonObjectBuilder counter = Json.createObjectBuilder();
        StringBuilder reasons = new StringBuilder();
        int concerned = 0;
        for (Map.Entry<String, JsonValue> limit : accept.entrySet()) {
            JsonValue value = terms.get(limit.getKey());
            if (value == null) {
                continue;
            }
            concerned++;
            JsonObject rule = limit.getValue().asJsonObject();
            if (rule.containsKey("in")) {
                if (!rule.getJsonArray("in").contains(value)) {
                    counter.add(limit.getKey(), rule.getJsonArray("in").get(0));
                    reasons.append(limit.getKey())
                            .append(" is not one of ")
                            .append(rule.getJsonArray("in"))
                            .append("; ");
                }
                continue;
            }
            if (!(value instanceof JsonNumber number)) {
                reasons.append(limit.getKey()).append(" is not a number; ");
                continue;
            }
            double x = number.doubleValue();
            if (rule.containsKey("min") && x < rule.getJsonNumber("min").doubleValue()) {
                counter.add(limit.getKey(), rule.getJsonNumber("min"));
                reasons.append(limit.getKey())
                        .append(" below ")
                        .append(rule.getJsonNumber("min"))
                        .append("; ");
            } else if (rule.containsKey("max") && x > rule.getJsonNumber("max").doubleValue()) {
                counter.add(limit.getKey(), rule.getJsonNumber("max"));
                reasons.append(limit.getKey())
                        .append(" above ")
                        .append(rule.getJsonNumber("max"))
                        .append("; ");
            }
        }
        if (concerned == 0) {
            return Json.createObjectBuilder()
                    .add("ballot", "abstain")
                    .add("reason", "none of my terms")
                    .build();
        }
        if (reasons.length() == 0) {
            return Json.createObjectBuilder()
                    .add("ballot", "yes")
                    .add("reason", "every term within my limits")
                    .build();
        }
        return Json.createObjectBuilder()
                .add("ballot", "no")
                .add("counter", counter)
                .add("reason", reasons.substring(0, reasons.length() - 2))
                .build();
    }

    @Override
    public Object message(JsonObject message, AgentRef<JsonValue> replyTo) {
        if (!"vote".equals(message.getString("type", null)) || !(message.get("terms") instanceof JsonObject)) {
            throw new IllegalArgumentException("a voter takes {\"type\": \"vote\", \"terms\": {...}}");
        }
        return new Ask(message, replyTo);
    }
}
