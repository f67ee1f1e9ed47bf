package io.mabeam.variables.entity;

import java.util.List;

/** A variable is active only when {@code parent} is active and holds one of {@code values}. */
public record Condition(String parent, List<Object> values) {

    public Condition {
        if (parent == null || values == null || values.isEmpty()) {
            throw new IllegalArgumentException("a condition names a parent variable and at least one of its values");
        }
        values = List.copyOf(values);
    }
}
