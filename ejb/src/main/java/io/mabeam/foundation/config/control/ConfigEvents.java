package io.mabeam.foundation.config.control;

import io.mabeam.foundation.config.entity.ConfigChange;
import io.mabeam.foundation.config.entity.ConfigSchema;
import io.mabeam.foundation.config.entity.ConfigType;
import io.mabeam.foundation.events.entity.NewEvent;
import io.mabeam.foundation.events.entity.RecordedEvent;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.List;

/** The config server's events: what they are called, what they carry, and how to read them back. */
public final class ConfigEvents {

    /** A setting's values: {@code config:<key>}, one version per change. */
    public static final String STREAM_PREFIX = "config:";
    /** A setting's schema declarations: {@code config-schema:<key>}. */
    public static final String SCHEMA_STREAM_PREFIX = "config-schema:";

    public static final String VALUE_SET = "ConfigValueSet";
    public static final String VALUE_UNSET = "ConfigValueUnset";
    public static final String KEY_DECLARED = "ConfigKeyDeclared";

    private static final JsonProvider JSON = JsonProvider.provider();

    private ConfigEvents() {}

    public static NewEvent changed(String key, String value, String previous, String comment, Long restoredVersion) {
        JsonObjectBuilder payload = JSON.createObjectBuilder().add("key", key);
        optional(payload, "value", value);
        optional(payload, "previousValue", previous);
        optional(payload, "comment", comment);
        if (restoredVersion != null) {
            payload.add("restoredVersion", restoredVersion);
        }
        return NewEvent.of(
                value == null ? VALUE_UNSET : VALUE_SET, payload.build().toString());
    }

    public static NewEvent declared(ConfigSchema schema, boolean builtIn) {
        JsonObjectBuilder payload = JSON.createObjectBuilder()
                .add("key", schema.key())
                .add("type", schema.type().name());
        if (schema.minimum() != null) {
            payload.add("minimum", schema.minimum());
        }
        if (schema.maximum() != null) {
            payload.add("maximum", schema.maximum());
        }
        if (!schema.allowedValues().isEmpty()) {
            JsonArrayBuilder allowed = JSON.createArrayBuilder();
            schema.allowedValues().forEach(allowed::add);
            payload.add("allowedValues", allowed);
        }
        optional(payload, "defaultValue", schema.defaultValue());
        payload.add("description", schema.description()).add("builtIn", builtIn);
        return NewEvent.of(KEY_DECLARED, payload.build().toString());
    }

    /** Whether the event is a change of a setting's value (not a declaration). */
    public static boolean isValueChange(RecordedEvent event) {
        return event.stream().startsWith(STREAM_PREFIX)
                && (event.type().equals(VALUE_SET) || event.type().equals(VALUE_UNSET));
    }

    public static boolean isDeclaration(RecordedEvent event) {
        return event.stream().startsWith(SCHEMA_STREAM_PREFIX) && event.type().equals(KEY_DECLARED);
    }

    public static ConfigChange change(RecordedEvent event) {
        JsonObject payload = read(event.payload());
        JsonObject metadata = read(event.metadata());
        return new ConfigChange(
                payload.getString("key"),
                event.version(),
                text(payload, "value"),
                text(payload, "previousValue"),
                text(metadata, "principal"),
                event.recordedAt(),
                text(payload, "comment"),
                payload.get("restoredVersion") instanceof JsonNumber number ? number.longValue() : null);
    }

    public static ConfigSchema schema(RecordedEvent event) {
        JsonObject payload = read(event.payload());
        return new ConfigSchema(
                payload.getString("key"),
                ConfigType.of(payload.getString("type")),
                payload.get("minimum") instanceof JsonNumber min ? min.bigDecimalValue() : null,
                payload.get("maximum") instanceof JsonNumber max ? max.bigDecimalValue() : null,
                payload.containsKey("allowedValues")
                        ? payload.getJsonArray("allowedValues").getValuesAs(JsonString.class).stream()
                                .map(JsonString::getString)
                                .toList()
                        : List.of(),
                text(payload, "defaultValue"),
                payload.getString("description", ""));
    }

    private static void optional(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    private static String text(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value instanceof JsonString text ? text.getString() : null;
    }

    private static JsonObject read(String json) {
        return JSON.createReader(new StringReader(json)).readObject();
    }
}
