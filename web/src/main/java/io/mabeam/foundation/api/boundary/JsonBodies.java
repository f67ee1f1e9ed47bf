package io.mabeam.foundation.api.boundary;

import io.mabeam.foundation.problems.DomainException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Request bodies read as JSON objects, with the 400 problems every resource gives for bad ones. */
public final class JsonBodies {

    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonBodies() {}

    /** The body as a JSON object; a missing body is a 400. */
    public static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw DomainException.invalid("the request needs a JSON object body");
        }
        return objectOrEmpty(body);
    }

    /** The body as a JSON object; a missing body reads as {@code {}}. */
    public static JsonObject objectOrEmpty(String body) {
        if (body == null || body.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            return JSON.createReader(new StringReader(body)).readObject();
        } catch (
                RuntimeException
                        e) { // JsonException for bad syntax; Parsson throws a plain RuntimeException past its depth
            // limit
            throw new DomainException(
                    DomainException.Reason.INVALID, "Malformed JSON", "the request body is not a JSON object");
        }
    }

    /** An object field, or {@code {}} when it is missing or null; any other value is a 400. */
    public static JsonObject objectField(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (!(value instanceof JsonObject object)) {
            throw DomainException.invalid("\"" + name + "\" is a JSON object");
        }
        return object;
    }

    /** A string field, or null when it is missing or null; any other value is a 400. */
    public static String text(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString text)) {
            throw DomainException.invalid("\"" + name + "\" is a string");
        }
        return text.getString();
    }

    /** An ISO-8601 duration field such as {@code "PT5S"}; {@code otherwise} when missing; else a 400. */
    public static Duration duration(JsonObject json, String name, String otherwise) {
        JsonValue value = json.get(name);
        if (value != null && value != JsonValue.NULL && !(value instanceof JsonString)) {
            throw DomainException.invalid("\"" + name + "\" is an ISO-8601 duration such as PT5S");
        }
        String text = value instanceof JsonString s ? s.getString() : otherwise;
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("\"" + name + "\" is an ISO-8601 duration such as PT5S, not " + text);
        }
    }

    /** A whole-number field; {@code otherwise} when missing (null: required); else a 400. */
    public static long number(JsonObject json, String name, Long otherwise) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            if (otherwise == null) {
                throw DomainException.invalid("the body needs \"" + name + "\", a whole number");
            }
            return otherwise;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw DomainException.invalid("\"" + name + "\" is a whole number");
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw DomainException.invalid("\"" + name + "\" is too large");
        }
    }

    /** A whole-number field as an int (clamped to the int range, for range checks downstream); null when missing. */
    public static Integer optionalInt(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw DomainException.invalid("\"" + name + "\" is a whole number");
        }
        java.math.BigInteger whole = number.bigIntegerValue();
        return whole.bitLength() < 32 ? whole.intValue() : whole.signum() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    }

    /** Adds the field only when it has a value. */
    public static void optional(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    /** A boolean field, false when missing or null; any other value is a 400. */
    public static boolean flag(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return false;
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw DomainException.invalid("\"" + name + "\" is true or false");
        }
        return value == JsonValue.TRUE;
    }

    /** An array of strings, empty when missing or null; anything else is a 400. */
    public static List<String> strings(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)
                || !array.stream().allMatch(v -> v.getValueType() == JsonValue.ValueType.STRING)) {
            throw DomainException.invalid("\"" + name + "\" is an array of strings");
        }
        return array.getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }
}
