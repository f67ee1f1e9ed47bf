package io.mabeam.optimization.control;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;

/**
 * Samplers by name, as studies choose them: {@code {"name": "tpe", "multivariate": true, "constantLiar": true}}.
 * Options a sampler does not know are refused, so a typo does not silently fall back to a default.
 */
public final class Samplers {

    public static final List<String> NAMES = List.of("auto", "random", "tpe");

    private Samplers() {}

    /** @throws IllegalArgumentException an unknown sampler or option, or a bad option value */
    public static Sampler create(JsonObject spec, long seed) {
        String name = spec.getString("name", "auto");
        switch (name) {
            case "random":
                known(spec, Set.of());
                return new RandomSampler(seed);
            case "tpe":
                known(spec, Set.of("multivariate", "constantLiar", "startupTrials", "candidates", "priorWeight"));
                return new TpeSampler(seed, tpeOptions(spec, TpeSampler.Options.defaults()));
            case "auto":
                known(spec, Set.of("constantLiar"));
                return new AutoSampler(seed, spec.getBoolean("constantLiar", false));
            default:
                throw new IllegalArgumentException("unknown sampler '" + name + "'; samplers: " + NAMES);
        }
    }

    static TpeSampler.Options tpeOptions(JsonObject spec, TpeSampler.Options defaults) {
        TpeSampler.Options options = defaults.withMultivariate(bool(spec, "multivariate", defaults.multivariate()))
                .withConstantLiar(bool(spec, "constantLiar", defaults.constantLiar()))
                .withStartupTrials(whole(spec, "startupTrials", defaults.startupTrials(), 0, 10_000))
                .withCandidates(whole(spec, "candidates", defaults.candidates(), 1, 10_000));
        double prior = spec.containsKey("priorWeight") ? number(spec, "priorWeight") : options.priorWeight();
        return new TpeSampler.Options(
                options.startupTrials(),
                options.candidates(),
                options.multivariate(),
                options.constantLiar(),
                prior,
                options.magicClip(),
                options.considerEndpoints());
    }

    static void known(JsonObject spec, Set<String> options) {
        for (String key : spec.keySet()) {
            if (!key.equals("name") && !options.contains(key)) {
                throw new IllegalArgumentException("sampler '" + spec.getString("name", "auto") + "' has no option '"
                        + key + "'"
                        + (options.isEmpty()
                                ? ""
                                : "; options: " + options.stream().sorted().toList()));
            }
        }
    }

    static boolean bool(JsonObject spec, String key, boolean otherwise) {
        JsonValue value = spec.get(key);
        if (value == null) {
            return otherwise;
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw new IllegalArgumentException("sampler option '" + key + "' is true or false");
        }
        return value == JsonValue.TRUE;
    }

    static int whole(JsonObject spec, String key, int otherwise, int min, int max) {
        JsonValue value = spec.get(key);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof JsonNumber number)
                || !number.isIntegral()
                || number.longValue() < min
                || number.longValue() > max) {
            throw new IllegalArgumentException(
                    "sampler option '" + key + "' is a whole number from " + min + " to " + max);
        }
        return number.intValue();
    }

    static double number(JsonObject spec, String key) {
        if (!(spec.get(key) instanceof JsonNumber number) || !(number.doubleValue() > 0)) {
            throw new IllegalArgumentException("sampler option '" + key + "' is a positive number");
        }
        return number.doubleValue();
    }
}
