package io.mabeam.variables.entity;

/**
 * A CDI event fired on every node when a live variable was declared, changed or removed ({@code value} null,
 * {@code removed} true): the way beans subscribe to a variable.
 */
public record LiveVariableChanged(
        String name, Object value, Object previous, long version, boolean removed, String reason) {}
