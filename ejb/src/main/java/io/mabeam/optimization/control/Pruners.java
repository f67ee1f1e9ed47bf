package io.mabeam.optimization.control;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;

/**
 * Pruners by name, as studies choose them, with Optuna's option names in camel case:
 * {@code {"name": "median", "startupTrials": 5, "warmupSteps": 0, "intervalSteps": 1, "minTrials": 1}},
 * {@code {"name": "percentile", "percentile": 25, …}}, {@code {"name": "asha", "minResource": 1,
 * "reductionFactor": 4, "minEarlyStoppingRate": 0, "bootstrapCount": 0}}, {@code {"name": "hyperband",
 * "minResource": 1, "maxResource": 81, "reductionFactor": 3}}, {@code {"name": "threshold", "lower": 0,
 * "upper": 1, "warmupSteps": 0, "intervalSteps": 1}}, {@code {"name": "patient", "patience": 3, "minDelta":
 * 0, "wrapped": {"name": "median"}}} and {@code {"name": "none"}}. Unknown options are refused.
 */
public final class Pruners {

    public static final List<String> NAMES =
            List.of("none", "median", "percentile", "asha", "hyperband", "threshold", "patient");

    private static final Set<String> PERCENTILE_OPTIONS =
            Set.of("startupTrials", "warmupSteps", "intervalSteps", "minTrials");

    private Pruners() {}

    /** @throws IllegalArgumentException an unknown pruner or option, or a bad option value */
    public static Pruner create(JsonObject spec) {
        String name = spec.getString("name", "none");
        switch (name) {
            case "none":
                known(spec, Set.of());
                return new NopPruner();
            case "median":
                known(spec, PERCENTILE_OPTIONS);
                return new MedianPruner(
                        (int) whole(spec, "startupTrials", 5L),
                        whole(spec, "warmupSteps", 0L),
                        whole(spec, "intervalSteps", 1L),
                        (int) whole(spec, "minTrials", 1L));
            case "percentile": {
                known(spec, Set.of("percentile", "startupTrials", "warmupSteps", "intervalSteps", "minTrials"));
                Double percentile = number(spec, "percentile");
                if (percentile == null) {
                    throw new IllegalArgumentException("pruner 'percentile' needs option 'percentile' (0 to 100)");
                }
                return new PercentilePruner(
                        percentile,
                        (int) whole(spec, "startupTrials", 5L),
                        whole(spec, "warmupSteps", 0L),
                        whole(spec, "intervalSteps", 1L),
                        (int) whole(spec, "minTrials", 1L));
            }
            case "asha":
                known(spec, Set.of("minResource", "reductionFactor", "minEarlyStoppingRate", "bootstrapCount"));
                return new SuccessiveHalvingPruner(
                        spec.containsKey("minResource") ? whole(spec, "minResource", null) : null,
                        (int) whole(spec, "reductionFactor", 4L),
                        (int) whole(spec, "minEarlyStoppingRate", 0L),
                        (int) whole(spec, "bootstrapCount", 0L));
            case "hyperband":
                known(spec, Set.of("minResource", "maxResource", "reductionFactor", "bootstrapCount"));
                return new HyperbandPruner(
                        whole(spec, "minResource", 1L),
                        spec.containsKey("maxResource") ? whole(spec, "maxResource", null) : null,
                        (int) whole(spec, "reductionFactor", 3L),
                        (int) whole(spec, "bootstrapCount", 0L));
            case "threshold":
                known(spec, Set.of("lower", "upper", "warmupSteps", "intervalSteps"));
                return new ThresholdPruner(
                        number(spec, "lower"),
                        number(spec, "upper"),
                        whole(spec, "warmupSteps", 0L),
                        whole(spec, "intervalSteps", 1L));
            case "patient": {
                known(spec, Set.of("patience", "minDelta", "wrapped"));
                int patience = (int) whole(spec, "patience", null);
                Double minDelta = number(spec, "minDelta");
                JsonValue wrapped = spec.get("wrapped");
                if (wrapped != null && !(wrapped instanceof JsonObject)) {
                    throw new IllegalArgumentException("option 'wrapped' is a pruner: {\"name\": ...}");
                }
                return wrapped == null
                        ? new PatientPruner(patience, minDelta == null ? 0 : minDelta)
                        : new PatientPruner(create((JsonObject) wrapped), patience, minDelta == null ? 0 : minDelta);
            }
            default:
                throw new IllegalArgumentException("unknown pruner '" + name + "'; pruners: " + NAMES);
        }
    }

    private static void known(JsonObject spec, Set<String> options) {
        for (String key : spec.keySet()) {
            if (!key.equals("name") && !options.contains(key)) {
                throw new IllegalArgumentException("pruner '" + spec.getString("name", "none") + "' has no option '"
                        + key + "'"
                        + (options.isEmpty()
                                ? ""
                                : "; options: " + options.stream().sorted().toList()));
            }
        }
    }

    private static long whole(JsonObject spec, String key, Long otherwise) {
        JsonValue value = spec.get(key);
        if (value == null) {
            if (otherwise == null) {
                throw new IllegalArgumentException("this pruner needs option '" + key + "', a whole number");
            }
            return otherwise;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 0) {
            throw new IllegalArgumentException("pruner option '" + key + "' is a whole number ≥ 0");
        }
        return number.longValue();
    }

    private static Double number(JsonObject spec, String key) {
        JsonValue value = spec.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number)) {
            throw new IllegalArgumentException("pruner option '" + key + "' is a number");
        }
        return number.doubleValue();
    }
}
