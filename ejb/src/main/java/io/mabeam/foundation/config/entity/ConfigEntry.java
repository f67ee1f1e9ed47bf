package io.mabeam.foundation.config.entity;

import java.time.Instant;

/**
 * A setting's current stored value (null: not set, its default applies) at a version of its history,
 * with who changed it and when. Version -1: never set.
 */
public record ConfigEntry(String key, String value, long version, String changedBy, Instant changedAt) {

    public static ConfigEntry unset(String key) {
        return new ConfigEntry(key, null, -1, null, null);
    }

    public boolean isSet() {
        return value != null;
    }
}
