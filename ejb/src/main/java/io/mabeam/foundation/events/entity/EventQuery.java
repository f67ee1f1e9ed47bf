package io.mabeam.foundation.events.entity;

import java.time.Instant;

/**
 * A filter over the whole log; every criterion is optional and they combine with "and". Pages follow the
 * global order: pass the last position of one page as {@code after} of the next.
 */
public record EventQuery(
        String type,
        String streamPrefix,
        Instant from,
        Instant to,
        String correlationId,
        GlobalPosition after,
        int limit) {

    public EventQuery {
        after = after == null ? GlobalPosition.START : after;
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit is 1 to 1000");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("the time range ends before it starts");
        }
    }
}
