package io.mabeam.foundation.events.entity;

import java.time.Instant;

/**
 * A durable subscription to the log: which events it wants and the position of the last one its
 * subscriber has handled (its checkpoint). {@code handler} subscriptions are served in-process by an
 * {@code EventSubscriber}; {@code client} subscriptions are read and acknowledged over REST.
 */
public record Subscription(
        String name,
        Kind kind,
        String type,
        String streamPrefix,
        GlobalPosition checkpoint,
        long delivered,
        String lastError,
        Instant lastErrorAt,
        Instant updatedAt) {

    public enum Kind {
        HANDLER,
        CLIENT;

        public String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Whether an event is one this subscription wants. */
    public boolean wants(RecordedEvent event) {
        return (type == null || type.equals(event.type()))
                && (streamPrefix == null || event.stream().startsWith(streamPrefix));
    }

    public boolean sameFilter(String otherType, String otherPrefix) {
        return java.util.Objects.equals(type, otherType) && java.util.Objects.equals(streamPrefix, otherPrefix);
    }

    /** The query for the events after the checkpoint this subscription wants. */
    public EventQuery pending(int limit) {
        return new EventQuery(type, streamPrefix, null, null, null, checkpoint, limit);
    }
}
