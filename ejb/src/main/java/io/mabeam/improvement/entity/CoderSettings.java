package io.mabeam.improvement.entity;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * How a coder works: which agents review its proposals (those with capability {@code reviewers}) under which
 * consensus rule and round timeout, whether it asks the language model first ({@code llm}), and the follow-up
 * run an accepted change starts ({@code budget} trials with {@code parallelism} trainers on {@code objective};
 * {@code network} for a study with a training setup).
 */
public record CoderSettings(
        String study,
        String reviewers,
        JsonObject rule,
        Duration roundTimeout,
        boolean llm,
        int budget,
        int parallelism,
        String objective,
        Duration trialTimeout,
        int everyTrials) {

    static final Set<String> KEYS = Set.of(
            "study",
            "reviewers",
            "rule",
            "roundTimeout",
            "llm",
            "budget",
            "parallelism",
            "objective",
            "trialTimeout",
            "everyTrials");

    /**
     * Reads settings from a JSON object ({@code study} required, the rest optional).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static CoderSettings of(JsonObject json) {
        for (String key : json.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(
                        "a coder's settings are " + new java.util.TreeSet<>(KEYS) + ", not \"" + key + "\"");
            }
        }
        String study = text(json, "study", null);
        if (study == null || study.isBlank()) {
            throw new IllegalArgumentException("a coder works on a study: give \"study\"");
        }
        JsonObject rule = json.get("rule") instanceof JsonObject r
                ? r
                : Json.createObjectBuilder().add("kind", "majority").build();
        Duration round = duration(json, "roundTimeout", Duration.ofSeconds(10));
        if (round.compareTo(Duration.ofMillis(200)) < 0 || round.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("roundTimeout is PT0.2S to PT1H");
        }
        boolean llm = !json.containsKey("llm") || json.get("llm") == JsonValue.TRUE;
        if (json.containsKey("llm") && json.get("llm") != JsonValue.TRUE && json.get("llm") != JsonValue.FALSE) {
            throw new IllegalArgumentException("llm is true or false");
        }
        int budget = integer(json, "budget", 20, 1, 10_000);
        int parallelism = integer(json, "parallelism", 2, 1, 16);
        int every = integer(json, "everyTrials", 0, 0, 100_000);
        String objective = text(json, "objective", null);
        Duration trialTimeout = duration(json, "trialTimeout", Duration.ofMinutes(30));
        return new CoderSettings(
                study,
                text(json, "reviewers", "reviewer"),
                rule,
                round,
                llm,
                budget,
                parallelism,
                objective,
                trialTimeout,
                every);
    }

    private static String text(JsonObject json, String key, String fallback) {
        if (!json.containsKey(key)) {
            return fallback;
        }
        if (!(json.get(key) instanceof JsonString s)) {
            throw new IllegalArgumentException(key + " is a string");
        }
        return s.getString();
    }

    private static int integer(JsonObject json, String key, int fallback, int low, int high) {
        if (!json.containsKey(key)) {
            return fallback;
        }
        if (!(json.get(key) instanceof JsonNumber n) || !n.isIntegral() || n.intValue() < low || n.intValue() > high) {
            throw new IllegalArgumentException(key + " is a whole number from " + low + " to " + high);
        }
        return n.intValue();
    }

    private static Duration duration(JsonObject json, String key, Duration fallback) {
        if (!json.containsKey(key)) {
            return fallback;
        }
        try {
            return Duration.parse(((JsonString) json.get(key)).getString());
        } catch (ClassCastException | DateTimeParseException e) {
            throw new IllegalArgumentException(key + " is an ISO-8601 duration such as PT10S");
        }
    }
}
