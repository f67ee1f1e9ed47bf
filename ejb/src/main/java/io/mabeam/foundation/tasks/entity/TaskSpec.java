package io.mabeam.foundation.tasks.entity;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How a task is supervised: its restart strategy; the delay before a restart, starting at
 * {@code initialBackoff} and doubling per consecutive failure up to {@code maxBackoff} (with up to 20 %
 * jitter, so tasks that failed together do not retry together); and at most {@code maxRestarts} restarts
 * within {@code window} before the task is given up and escalated.
 */
public record TaskSpec(
        String name,
        RestartStrategy strategy,
        Duration initialBackoff,
        Duration maxBackoff,
        int maxRestarts,
        Duration window) {

    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.:_-]{0,99}");

    public TaskSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a task name is 1 to 100 lower-case letters, digits or . : _ -");
        }
        if (strategy == null) {
            throw new IllegalArgumentException("a task needs a restart strategy");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff runs from a non-negative initial delay up to a larger maximum");
        }
        if (maxRestarts < 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("max restarts is at least 0, within a positive window");
        }
    }

    /** Permanent, from 100 ms to 30 s, at most 10 restarts a minute: for services of the platform. */
    public static TaskSpec permanent(String name) {
        return new TaskSpec(
                name,
                RestartStrategy.PERMANENT,
                Duration.ofMillis(100),
                Duration.ofSeconds(30),
                10,
                Duration.ofMinutes(1));
    }
}
