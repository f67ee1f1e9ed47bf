package io.mabeam.optimization.control;

import io.mabeam.variables.control.SearchSpaceJson;
import io.mabeam.variables.entity.SearchSpace;
import io.mabeam.variables.entity.Variable;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Trials' parameters, values and intermediate values as JSON, as they are stored and served. */
public final class TrialJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private TrialJson() {}

    public static JsonObject object(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    public static JsonArray array(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readArray();
        }
    }

    public static JsonObject parameters(Map<String, Object> parameters) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        parameters.forEach((name, value) -> json.add(name, SearchSpaceJson.toJson(value)));
        return json.build();
    }

    /**
     * Parameters read back, each as its variable's Java type (floats as Double, integers as Long), in
     * declaration order.
     */
    public static Map<String, Object> parameters(SearchSpace space, JsonObject json) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (Variable variable : space.variables()) {
            if (json.containsKey(variable.name())) {
                parameters.put(
                        variable.name(),
                        canonical(variable, SearchSpaceJson.scalar(variable.name(), json.get(variable.name()))));
            }
        }
        for (String name : json.keySet()) {
            if (!parameters.containsKey(name)) {
                parameters.put(name, SearchSpaceJson.scalar(name, json.get(name)));
            }
        }
        return parameters;
    }

    public static Object canonical(Variable variable, Object value) {
        return SearchSpaceJson.canonical(variable, value);
    }

    public static JsonArray numbers(List<Double> values) {
        JsonArrayBuilder json = JSON.createArrayBuilder();
        values.forEach(json::add);
        return json.build();
    }

    public static List<Double> numbers(JsonArray json) {
        List<Double> values = new ArrayList<>();
        for (JsonValue value : json) {
            values.add(((JsonNumber) value).doubleValue());
        }
        return values;
    }

    public static JsonObject intermediates(SortedMap<Long, Double> intermediates) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        intermediates.forEach((step, value) -> json.add(Long.toString(step), value));
        return json.build();
    }

    public static SortedMap<Long, Double> intermediates(JsonObject json) {
        SortedMap<Long, Double> intermediates = new TreeMap<>();
        json.forEach((step, value) -> intermediates.put(Long.parseLong(step), ((JsonNumber) value).doubleValue()));
        return intermediates;
    }

    /** System attributes: what samplers record — strings, numbers, booleans and lists of them (a CMA-ES point). */
    public static Map<String, Object> attributes(JsonObject json) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        json.forEach((name, value) -> attributes.put(name, attribute(name, value)));
        return attributes;
    }

    public static JsonObject attributes(Map<String, Object> attributes) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        attributes.forEach((name, value) -> json.add(name, attribute(value)));
        return json.build();
    }

    private static Object attribute(String name, JsonValue value) {
        if (value instanceof JsonArray array) {
            List<Object> list = new ArrayList<>();
            array.forEach(element -> list.add(attribute(name, element)));
            return list;
        }
        return SearchSpaceJson.scalar(name, value);
    }

    private static JsonValue attribute(Object value) {
        if (value instanceof List<?> list) {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            list.forEach(element -> array.add(attribute(element)));
            return array.build();
        }
        return SearchSpaceJson.toJson(value);
    }
}
