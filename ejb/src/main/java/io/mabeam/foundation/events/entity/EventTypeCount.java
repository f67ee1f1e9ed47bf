package io.mabeam.foundation.events.entity;

import java.time.Instant;

/** How many events of one type the log holds, and when the last of them was recorded. */
public record EventTypeCount(String type, long events, Instant lastRecordedAt) {}
