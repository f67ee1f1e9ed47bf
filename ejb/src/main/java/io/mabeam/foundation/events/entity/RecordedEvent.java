package io.mabeam.foundation.events.entity;

import java.time.Instant;
import java.util.UUID;

/** An event as stored: where it sits in its stream and in the whole log, and what was recorded with it. */
public record RecordedEvent(
        GlobalPosition position,
        String stream,
        long version,
        UUID id,
        String type,
        String payload,
        String metadata,
        VectorClock clock,
        Instant recordedAt) {}
