package io.mabeam.variables.entity;

import java.time.Instant;

/**
 * A named variable with a current value shared by the whole cluster: its domain ({@code definition}, whose
 * bounds every value must respect), the value, and the version each change raises by one.
 */
public record LiveVariable(Variable definition, Object value, long version, String changedBy, Instant changedAt) {

    public String name() {
        return definition.name();
    }

    public String stream() {
        return "variable:" + name();
    }
}
