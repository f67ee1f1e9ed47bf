package io.mabeam.foundation.config.entity;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a setting may hold: its type, optional bounds (numbers; durations in seconds; string lengths), an
 * optional list of allowed values, a default and a description. Values are checked against it before
 * anything is written.
 */
public record ConfigSchema(
        String key,
        ConfigType type,
        BigDecimal minimum,
        BigDecimal maximum,
        List<String> allowedValues,
        String defaultValue,
        String description) {

    public static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*([.-][a-z0-9]+)*");
    public static final int LONGEST_KEY = 150;
    public static final int LONGEST_VALUE = 4000;

    public ConfigSchema {
        if (key == null || key.length() > LONGEST_KEY || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("a setting's key is lower-case words separated by dots or dashes, "
                    + "such as mabeam.events.retention-days (at most " + LONGEST_KEY + " characters)");
        }
        if (type == null) {
            throw new IllegalArgumentException("a setting has a type");
        }
        minimum = normalized(minimum);
        maximum = normalized(maximum);
        if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
            throw new IllegalArgumentException("the minimum of " + key + " is above its maximum");
        }
        if ((minimum != null || maximum != null) && type == ConfigType.BOOLEAN) {
            throw new IllegalArgumentException("a boolean setting has no bounds");
        }
        allowedValues = allowedValues == null
                ? List.of()
                : allowedValues.stream().map(type::canonical).distinct().toList();
        description = description == null ? "" : description;
        if (defaultValue != null) {
            defaultValue = check(key, type, minimum, maximum, allowedValues, defaultValue);
        }
    }

    /**
     * The value in canonical form if it fits this schema.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public String checked(String value) {
        return check(key, type, minimum, maximum, allowedValues, value);
    }

    private static String check(
            String key,
            ConfigType type,
            BigDecimal minimum,
            BigDecimal maximum,
            List<String> allowedValues,
            String value) {
        if (value == null) {
            throw new IllegalArgumentException(key + " needs a value");
        }
        if (value.length() > LONGEST_VALUE) {
            throw new IllegalArgumentException(key + " takes at most " + LONGEST_VALUE + " characters");
        }
        String canonical = type.canonical(value);
        BigDecimal magnitude =
                type == ConfigType.STRING ? BigDecimal.valueOf(canonical.length()) : type.magnitude(canonical);
        String unit = type == ConfigType.STRING ? " characters" : type == ConfigType.DURATION ? " seconds" : "";
        if (minimum != null && magnitude != null && magnitude.compareTo(minimum) < 0) {
            throw new IllegalArgumentException(
                    key + " is at least " + minimum.toPlainString() + unit + ", not " + value);
        }
        if (maximum != null && magnitude != null && magnitude.compareTo(maximum) > 0) {
            throw new IllegalArgumentException(
                    key + " is at most " + maximum.toPlainString() + unit + ", not " + value);
        }
        if (!allowedValues.isEmpty() && !allowedValues.contains(canonical)) {
            throw new IllegalArgumentException(key + " is one of " + allowedValues + ", not " + value);
        }
        return canonical;
    }

    private static BigDecimal normalized(BigDecimal number) {
        if (number == null) {
            return null;
        }
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Whether a value fits, without the reason. */
    public boolean accepts(String value) {
        try {
            checked(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
