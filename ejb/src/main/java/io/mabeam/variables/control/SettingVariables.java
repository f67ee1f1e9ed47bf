package io.mabeam.variables.control;

import io.mabeam.foundation.config.entity.ConfigSchema;
import io.mabeam.foundation.config.entity.ConfigType;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;

/**
 * The platform's own settings as search-space variables, so a study can tune them: integer and decimal
 * settings become int and float variables over their schema's bounds (or bounds the study gives), booleans
 * and settings with allowed values become categoricals.
 */
public final class SettingVariables {

    private static final JsonProvider JSON = JsonProvider.provider();

    private SettingVariables() {}

    /**
     * @param entry the study's entry, {@code {"name": key, "type": "setting"}}, optionally with {@code low},
     *     {@code high}, {@code log} and {@code when}
     * @throws IllegalArgumentException when the setting cannot be searched (no bounds, an unsupported type)
     */
    public static JsonObject definition(ConfigSchema schema, JsonObject entry) {
        JsonObjectBuilder variable = JSON.createObjectBuilder().add("name", schema.key());
        ConfigType type = schema.type();
        if (type == ConfigType.INTEGER || type == ConfigType.DECIMAL) {
            BigDecimal low = bound(entry, "low", schema.minimum(), schema.key());
            BigDecimal high = bound(entry, "high", schema.maximum(), schema.key());
            variable.add("type", type == ConfigType.INTEGER ? "int" : "float")
                    .add("low", low)
                    .add("high", high);
            if (entry.getBoolean("log", false)) {
                variable.add("log", true);
            }
        } else if (type == ConfigType.BOOLEAN) {
            variable.add("type", "categorical")
                    .add("choices", JSON.createArrayBuilder().add(false).add(true));
        } else if (schema.allowedValues() != null && !schema.allowedValues().isEmpty()) {
            variable.add("type", "categorical").add("choices", JSON.createArrayBuilder(schema.allowedValues()));
        } else {
            throw new IllegalArgumentException(
                    "setting " + schema.key() + " is a " + type.name().toLowerCase()
                            + " without allowed values; a study can search integer, decimal and boolean settings and those"
                            + " with allowed values");
        }
        if (entry.containsKey("when")) {
            variable.add("when", entry.get("when"));
        }
        return variable.build();
    }

    /** A value as the config server takes it. */
    public static String text(Object value) {
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    private static BigDecimal bound(JsonObject entry, String field, BigDecimal schemaBound, String key) {
        if (entry.get(field) instanceof JsonNumber given) {
            BigDecimal value = given.bigDecimalValue();
            if (schemaBound != null
                    && (field.equals("low") ? value.compareTo(schemaBound) < 0 : value.compareTo(schemaBound) > 0)) {
                throw new IllegalArgumentException("\"" + field + "\" of setting " + key + " lies outside its schema's "
                        + (field.equals("low") ? "minimum " : "maximum ") + schemaBound.toPlainString());
            }
            return value;
        }
        if (schemaBound == null) {
            throw new IllegalArgumentException(
                    "setting " + key + " has no " + (field.equals("low") ? "minimum" : "maximum")
                            + " in its schema; give \"" + field + "\" in the study's entry");
        }
        return schemaBound;
    }
}
