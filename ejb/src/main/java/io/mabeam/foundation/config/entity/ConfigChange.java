package io.mabeam.foundation.config.entity;

import java.time.Instant;

/**
 * One version in a setting's history: the value it took (null: unset), the one before, who did it,
 * when, why, and, for a rollback, which version it restored.
 */
public record ConfigChange(
        String key,
        long version,
        String value,
        String previousValue,
        String changedBy,
        Instant changedAt,
        String comment,
        Long restoredVersion) {}
