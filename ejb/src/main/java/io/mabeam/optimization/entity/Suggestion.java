package io.mabeam.optimization.entity;

import java.util.Map;

/** A sampler's answer: the parameters of the active variables, and what it wants kept with the trial. */
public record Suggestion(Map<String, Object> parameters, Map<String, Object> systemAttributes) {

    public Suggestion {
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        systemAttributes = Map.copyOf(systemAttributes);
    }

    public static Suggestion of(Map<String, Object> parameters) {
        return new Suggestion(parameters, Map.of());
    }
}
