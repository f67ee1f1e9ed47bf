package io.mabeam.foundation.config.entity;

/** Two versions of one setting side by side. */
public record ConfigDiff(String key, ConfigChange from, ConfigChange to) {

    public boolean changed() {
        return !java.util.Objects.equals(from.value(), to.value());
    }
}
