package io.mabeam.improvement.control;

import io.mabeam.agents.control.AgentEnvironment;
import io.mabeam.agents.control.AgentRef;
import io.mabeam.agents.control.AgentType;
import io.mabeam.agents.control.Behavior;
import io.mabeam.agents.control.Behaviors;
import io.mabeam.improvement.entity.NetworkShape;
import io.mabeam.variables.control.SearchSpaceJson;
import io.mabeam.variables.entity.SearchSpace;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An agent that reviews the changes coders propose and votes on them: yes when the proposed search space passes
 * {@link ReviewRules} under its limits, no with the reasons when it does not; it abstains on proposals that are
 * not changes of a search space. It votes through the consensus protocol, like a voter.
 *
 * <p>Configuration (all optional): {@code {"maxParameters": 2000000, "maxMemoryMb": 512, "maxLayers": 8,
 * "ranges": {"learning_rate": {"min": 1e-5, "max": 0.1}, "units": {"max": 512}}}}.
 */
public final class ReviewerType implements AgentType {

    public static final String KIND = "search-space-change";

    record Review(JsonObject proposal, AgentRef<JsonValue> replyTo) {}

    @Override
    public String name() {
        return "reviewer";
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("reviewer");
    }

    @Override
    public void validate(JsonObject config) {
        limits(config);
    }

    static ReviewRules.Limits limits(JsonObject config) {
        Set<String> keys = Set.of("maxParameters", "maxMemoryMb", "maxLayers", "ranges");
        for (String key : config.keySet()) {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException("a reviewer's configuration has " + keys + ", not \"" + key + "\"");
            }
        }
        ReviewRules.Limits defaults = ReviewRules.Limits.defaults();
        Map<String, double[]> ranges = new HashMap<>();
        if (config.containsKey("ranges")) {
            if (!(config.get("ranges") instanceof JsonObject given)) {
                throw new IllegalArgumentException("ranges maps variables to {\"min\", \"max\"}");
            }
            for (Map.Entry<String, JsonValue> range : given.entrySet()) {
                if (!(range.getValue() instanceof JsonObject bounds)
                        || bounds.isEmpty()
                        || !Set.of("min", "max").containsAll(bounds.keySet())
                        || bounds.values().stream().anyMatch(v -> !(v instanceof JsonNumber))) {
                    throw new IllegalArgumentException(
                            "the range of " + range.getKey() + " is {\"min\": n, \"max\": n} (either or both)");
                }
                double min =
                        bounds.containsKey("min") ? bounds.getJsonNumber("min").doubleValue() : -Double.MAX_VALUE;
                double max =
                        bounds.containsKey("max") ? bounds.getJsonNumber("max").doubleValue() : Double.MAX_VALUE;
                if (min > max) {
                    throw new IllegalArgumentException("the range of " + range.getKey() + " has min above max");
                }
                ranges.put(range.getKey(), new double[] {min, max});
            }
        }
        return new ReviewRules.Limits(
                ranges,
                number(config, "maxParameters", defaults.maxParameters()),
                number(config, "maxMemoryMb", (long) defaults.maxMemoryMb()),
                (int) number(config, "maxLayers", defaults.maxLayers()));
    }

    private static long number(JsonObject config, String key, long fallback) {
        if (!config.containsKey(key)) {
            return fallback;
        }
        if (!(config.get(key) instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 1) {
            throw new IllegalArgumentException(key + " is a positive whole number");
        }
        return n.longValue();
    }

    @Override
    public Behavior<?> behavior(JsonObject config, AgentEnvironment environment) {
        ReviewRules.Limits limits = limits(config);
        return Behaviors.<Review>setup(context -> (ctx, review) -> {
            review.replyTo().tell(judge(review.proposal().getJsonObject("terms"), limits));
            return Behaviors.same();
        });
    }

    /** The ballot on a proposal's terms. */
    static JsonObject judge(JsonObject terms, ReviewRules.Limits limits) {
        if (!KIND.equals(terms.getString("kind", "")) || !(terms.get("space") instanceof JsonObject spaceJson)) {
            return Json.createObjectBuilder()
                    .add("ballot", "abstain")
                    .add("reason", "not a change of a search space")
                    .build();
        }
        SearchSpace space;
        try {
            space = SearchSpaceJson.parse(spaceJson);
        } catch (IllegalArgumentException e) {
            return Json.createObjectBuilder()
                    .add("ballot", "no")
                    .add("reason", "the proposed space is not valid: " + e.getMessage())
                    .build();
        }
        Optional<NetworkShape> shape = terms.get("network") instanceof JsonObject network
                ? Optional.of(new NetworkShape(
                        network.getInt("inputs"),
                        network.getInt("outputs"),
                        network.getBoolean("classification", true),
                        network.getInt("trainingRows", 1)))
                : Optional.empty();
        ReviewRules.Review review = ReviewRules.review(space, shape, limits);
        return Json.createObjectBuilder()
                .add("ballot", review.accept() ? "yes" : "no")
                .add("reason", String.join("; ", review.reasons()))
                .build();
    }

    @Override
    public Object message(JsonObject message, AgentRef<JsonValue> replyTo) {
        if (!"vote".equals(message.getString("type", null)) || !(message.get("terms") instanceof JsonObject)) {
            throw new IllegalArgumentException("a reviewer takes {\"type\": \"vote\", \"terms\": {...}}");
        }
        return new Review(message, replyTo);
    }
}
