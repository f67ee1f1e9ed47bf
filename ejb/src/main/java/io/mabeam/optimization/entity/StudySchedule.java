package io.mabeam.optimization.entity;

import java.time.Duration;
import java.time.Instant;

/**
 * When a study runs by itself: at each time its cron expression names (UTC), the cluster's study-scheduler
 * leader starts the study's optimization job for {@code trials} more trials; {@code version} grows with every
 * change, {@code lastFiredAt} and {@code lastExecution} tell the latest run it started.
 */
public record StudySchedule(
        String study,
        String cron,
        int trials,
        int parallelism,
        String objective,
        Duration trialTimeout,
        long version,
        Instant lastFiredAt,
        Long lastExecution,
        String createdBy,
        Instant createdAt) {}
