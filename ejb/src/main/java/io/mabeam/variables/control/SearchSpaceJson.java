package io.mabeam.variables.control;

import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.Condition;
import io.mabeam.variables.entity.FixedVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.SearchSpace;
import io.mabeam.variables.entity.Variable;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Search spaces as JSON, the form the REST API and the event store use:
 * {@code {"variables": [{"name": "lr", "type": "float", "low": 1e-5, "high": 0.1, "log": true}, …]}} with
 * types {@code float} ({@code step}), {@code int} ({@code step}), {@code categorical} ({@code choices}) and
 * {@code fixed} ({@code value}), and {@code "when": {"parent": "optimizer", "in": ["momentum"]}} on a
 * conditional variable. Anything malformed is an {@link IllegalArgumentException} saying what.
 */
public final class SearchSpaceJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private SearchSpaceJson() {}

    public static SearchSpace parse(JsonObject json) {
        if (!(json.get("variables") instanceof JsonArray variables)) {
            throw new IllegalArgumentException("a search space is {\"variables\": [...]}");
        }
        List<Variable> parsed = new ArrayList<>();
        for (JsonValue value : variables) {
            if (!(value instanceof JsonObject variable)) {
                throw new IllegalArgumentException("each variable is a JSON object");
            }
            parsed.add(variable(variable));
        }
        return new SearchSpace(parsed);
    }

    private static Variable variable(JsonObject json) {
        String name = string(json, "name");
        Optional<Condition> condition = condition(name, json.get("when"));
        String type = string(json, "type");
        return switch (type) {
            case "float" ->
                new FloatVariable(
                        name,
                        number(json, name, "low"),
                        number(json, name, "high"),
                        bool(json, "log"),
                        json.containsKey("step") && json.get("step") != JsonValue.NULL
                                ? number(json, name, "step")
                                : null,
                        condition);
            case "int" ->
                new IntVariable(
                        name,
                        whole(json, name, "low"),
                        whole(json, name, "high"),
                        bool(json, "log"),
                        json.containsKey("step") ? whole(json, name, "step") : 1,
                        condition);
            case "categorical" -> {
                if (!(json.get("choices") instanceof JsonArray choices)) {
                    throw new IllegalArgumentException(name + ": a categorical variable has \"choices\", a list");
                }
                yield new CategoricalVariable(name, scalars(name, choices), condition);
            }
            case "fixed" -> {
                if (!json.containsKey("value")) {
                    throw new IllegalArgumentException(name + ": a fixed variable has a \"value\"");
                }
                yield new FixedVariable(name, scalar(name, json.get("value")), condition);
            }
            default ->
                throw new IllegalArgumentException(name + ": type is float, int, categorical or fixed, not " + type);
        };
    }

    private static Optional<Condition> condition(String name, JsonValue when) {
        if (when == null || when == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(when instanceof JsonObject object) || !(object.get("in") instanceof JsonArray values)) {
            throw new IllegalArgumentException(name + ": \"when\" is {\"parent\": \"…\", \"in\": [values]}");
        }
        return Optional.of(new Condition(string(object, "parent"), scalars(name, values)));
    }

    public static JsonObject json(SearchSpace space) {
        JsonArrayBuilder variables = JSON.createArrayBuilder();
        for (Variable variable : space.variables()) {
            JsonObjectBuilder json = JSON.createObjectBuilder().add("name", variable.name());
            if (variable instanceof FloatVariable f) {
                json.add("type", "float")
                        .add("low", f.low())
                        .add("high", f.high())
                        .add("log", f.log());
                if (f.step() != null) {
                    json.add("step", f.step());
                }
            } else if (variable instanceof IntVariable i) {
                json.add("type", "int")
                        .add("low", i.low())
                        .add("high", i.high())
                        .add("log", i.log())
                        .add("step", i.step());
            } else if (variable instanceof CategoricalVariable c) {
                JsonArrayBuilder choices = JSON.createArrayBuilder();
                c.choices().forEach(choice -> choices.add(toJson(choice)));
                json.add("type", "categorical").add("choices", choices);
            } else if (variable instanceof FixedVariable fixed) {
                json.add("type", "fixed").add("value", toJson(fixed.value()));
            }
            variable.condition().ifPresent(condition -> {
                JsonArrayBuilder in = JSON.createArrayBuilder();
                condition.values().forEach(value -> in.add(toJson(value)));
                json.add(
                        "when",
                        JSON.createObjectBuilder()
                                .add("parent", condition.parent())
                                .add("in", in));
            });
            variables.add(json);
        }
        return JSON.createObjectBuilder().add("variables", variables).build();
    }

    /** A JSON scalar as Java: String, Boolean, Long (whole numbers), Double, or null. */
    public static Object scalar(String name, JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        if (value instanceof JsonNumber number) {
            return number.isIntegral() ? (Object) number.longValue() : (Object) number.doubleValue();
        }
        throw new IllegalArgumentException(name + ": values are strings, numbers, booleans or null");
    }

    /** A value as its variable's Java type: floats as Double, integers as Long, anything else as it is. */
    public static Object canonical(Variable variable, Object value) {
        if (variable instanceof FloatVariable && value instanceof Number number) {
            return number.doubleValue();
        }
        if (variable instanceof IntVariable
                && value instanceof Number number
                && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.longValue();
        }
        return value;
    }

    public static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof String s) {
            return JSON.createValue(s);
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Long || value instanceof Integer) {
            return JSON.createValue(((Number) value).longValue());
        }
        return JSON.createValue(new BigDecimal(value.toString()));
    }

    private static List<Object> scalars(String name, JsonArray values) {
        List<Object> scalars = new ArrayList<>();
        values.forEach(v -> scalars.add(scalar(name, v)));
        return scalars;
    }

    private static String string(JsonObject json, String field) {
        if (!(json.get(field) instanceof JsonString value)) {
            throw new IllegalArgumentException("\"" + field + "\" is a string");
        }
        return value.getString();
    }

    private static double number(JsonObject json, String name, String field) {
        if (!(json.get(field) instanceof JsonNumber value)) {
            throw new IllegalArgumentException(name + ": \"" + field + "\" is a number");
        }
        return value.doubleValue();
    }

    private static long whole(JsonObject json, String name, String field) {
        if (!(json.get(field) instanceof JsonNumber value) || !value.isIntegral()) {
            throw new IllegalArgumentException(name + ": \"" + field + "\" is a whole number");
        }
        return value.longValue();
    }

    private static boolean bool(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL || value == JsonValue.FALSE) {
            return false;
        }
        if (value == JsonValue.TRUE) {
            return true;
        }
        throw new IllegalArgumentException("\"" + field + "\" is true or false");
    }
}
