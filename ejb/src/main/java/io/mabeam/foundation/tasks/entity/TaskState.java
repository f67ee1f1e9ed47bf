package io.mabeam.foundation.tasks.entity;

import java.time.Instant;

/** A supervised task as its supervisor sees it now. */
public record TaskState(
        String name,
        RestartStrategy strategy,
        TaskStatus status,
        int restarts,
        int restartsInWindow,
        String lastError,
        Instant startedAt,
        Instant nextStartAt) {}
