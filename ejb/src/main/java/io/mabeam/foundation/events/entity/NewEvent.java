package io.mabeam.foundation.events.entity;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An event to append: its id (appending the same id again is a no-op), type, JSON object payload and
 * free-form metadata (string values).
 */
public record NewEvent(UUID id, String type, String payload, Map<String, String> metadata) {

    public NewEvent {
        Objects.requireNonNull(id, "an event has an id");
        if (type == null || type.isBlank() || type.length() > 200) {
            throw new IllegalArgumentException("an event type is 1 to 200 characters");
        }
        Objects.requireNonNull(payload, "an event has a payload");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static NewEvent of(String type, String payload) {
        return new NewEvent(UUID.randomUUID(), type, payload, Map.of());
    }
}
