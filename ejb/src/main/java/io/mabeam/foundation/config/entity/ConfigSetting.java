package io.mabeam.foundation.config.entity;

/** A declared setting: its schema, its stored value, and whether the platform itself declares it. */
public record ConfigSetting(ConfigSchema schema, ConfigEntry entry, boolean builtIn) {

    /** The stored value, or the schema's default when none is stored; null when neither exists. */
    public String value() {
        return entry.isSet() ? entry.value() : schema.defaultValue();
    }
}
