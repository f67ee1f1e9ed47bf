package io.mabeam.bridge.entity;

/**
 * A Python objective's worker pool on one node: its workers (alive, busy, idle), evaluations waiting for one,
 * and what happened so far — evaluations, workers started, and failures by kind (the objective raised, a worker
 * crashed, timed out, failed to start, or an evaluation was refused because all were busy) — with the backoff
 * before the next start after consecutive failures.
 */
public record PoolStats(
        String objective,
        String version,
        String python,
        int size,
        int alive,
        int busy,
        int idle,
        int waiting,
        long evaluations,
        long started,
        long errors,
        long crashes,
        long timeouts,
        long startFailures,
        long refused,
        int consecutiveFailures,
        long backoffMillis) {}
