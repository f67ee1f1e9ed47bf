package io.mabeam.foundation.events.entity;

import java.util.Objects;

/**
 * Who appends and why: stored in every event's metadata. The correlation id ties together everything one
 * request caused; the causation id names the event or command that caused this one.
 */
public record EventContext(String principal, String node, String correlationId, String causationId) {

    public EventContext {
        Objects.requireNonNull(principal, "an event context names its principal");
        Objects.requireNonNull(node, "an event context names its node");
    }
}
