package io.mabeam.training.control;

import io.mabeam.training.entity.Metric;
import io.mabeam.training.entity.Task;
import io.mabeam.training.entity.TrainingSetup;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Training setups as JSON: {@code {"dataset": "penguins", "target": "species", "task": "classification",
 * "metric": "accuracy", "features": [...], "exclude": [...], "maxEpochs": 50, "patience": 8,
 * "validationFraction": 0.2, "testFraction": 0.2, "seed": 42}}; all but dataset and target optional.
 */
public final class TrainingSetupJson {

    private static final Set<String> FIELDS = Set.of(
            "dataset",
            "target",
            "task",
            "metric",
            "features",
            "exclude",
            "maxEpochs",
            "patience",
            "validationFraction",
            "testFraction",
            "seed");

    private TrainingSetupJson() {}

    /** @throws IllegalArgumentException naming what is wrong */
    public static TrainingSetup parse(JsonObject json) {
        for (String key : json.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new IllegalArgumentException(
                        "unknown training field " + key + " (known: " + new java.util.TreeSet<>(FIELDS) + ")");
            }
        }
        String task = text(json, "task");
        String metric = text(json, "metric");
        return new TrainingSetup(
                text(json, "dataset"),
                text(json, "target"),
                task == null ? null : task(task),
                metric == null ? null : Metric.of(metric),
                strings(json, "features"),
                strings(json, "exclude"),
                (int) number(json, "maxEpochs", TrainingSetup.DEFAULT_MAX_EPOCHS),
                (int) number(json, "patience", TrainingSetup.DEFAULT_PATIENCE),
                number(json, "validationFraction", 0.2),
                number(json, "testFraction", 0.2),
                (long) number(json, "seed", 42));
    }

    public static JsonObject json(TrainingSetup setup) {
        JsonObjectBuilder json =
                Json.createObjectBuilder().add("dataset", setup.dataset()).add("target", setup.target());
        if (setup.task() != null) {
            json.add("task", setup.task().name().toLowerCase(Locale.ROOT));
        }
        if (setup.metric() != null) {
            json.add("metric", setup.metric().label());
        }
        return json.add("features", Json.createArrayBuilder(setup.features()))
                .add("exclude", Json.createArrayBuilder(setup.exclude()))
                .add("maxEpochs", setup.maxEpochs())
                .add("patience", setup.patience())
                .add("validationFraction", setup.validationFraction())
                .add("testFraction", setup.testFraction())
                .add("seed", setup.seed())
                .build();
    }

    private static Task task(String name) {
        try {
            return Task.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task is classification or regression, not " + name);
        }
    }

    private static String text(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new IllegalArgumentException(name + " is a string");
    }

    private static double number(JsonObject json, String name, double fallback) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return fallback;
        }
        if (value instanceof JsonNumber number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException(name + " is a number");
    }

    private static List<String> strings(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (value instanceof JsonArray array && array.stream().allMatch(v -> v instanceof JsonString)) {
            return array.getValuesAs(JsonString::getString);
        }
        throw new IllegalArgumentException(name + " is a list of column names");
    }
}
