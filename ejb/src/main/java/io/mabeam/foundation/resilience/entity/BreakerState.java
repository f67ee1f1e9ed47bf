package io.mabeam.foundation.resilience.entity;

import java.time.Instant;

/**
 * A circuit breaker as this node last saw it: {@code closed} (calls go through), {@code open} (calls fail at
 * once until its delay passed) or {@code half-open} (a trial call decides), with its counts.
 */
public record BreakerState(
        String name, String state, long calls, long failures, long refused, String lastFailure, Instant changedAt) {}
