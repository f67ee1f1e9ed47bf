package io.mabeam.foundation.tasks.control;

import io.mabeam.foundation.tasks.entity.TaskSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.random.RandomGenerator;

/** What a supervisor does when a task ends: the pure decision, apart from threads and clocks. */
public final class RestartPolicy {

    /** What happens next. */
    public sealed interface Decision {}

    /** Start the task again after {@code delay}. */
    public record Restart(Duration delay) implements Decision {}

    /** Leave the task ended: its strategy does not restart it. */
    public record Done() implements Decision {}

    /** Give the task up: it was restarted too often within its window. */
    public record Escalate(int restartsInWindow) implements Decision {}

    private RestartPolicy() {}

    /**
     * Decides after the task ended at {@code now}, {@code failed} or not, having failed
     * {@code consecutiveFailures} times in a row (this end included), with the times of its earlier restarts
     * in {@code restarts} (oldest first; those older than the window are dropped here).
     */
    public static Decision decide(
            TaskSpec spec,
            boolean failed,
            int consecutiveFailures,
            Deque<Instant> restarts,
            Instant now,
            RandomGenerator random) {
        boolean restart = switch (spec.strategy()) {
            case PERMANENT -> true;
            case TRANSIENT -> failed;
            case TEMPORARY -> false;
        };
        if (!restart) {
            return new Done();
        }
        Instant windowStart = now.minus(spec.window());
        while (!restarts.isEmpty() && restarts.peekFirst().isBefore(windowStart)) {
            restarts.pollFirst();
        }
        if (restarts.size() >= spec.maxRestarts()) {
            return new Escalate(restarts.size());
        }
        return new Restart(backoff(spec, failed ? consecutiveFailures : 0, random));
    }

    /**
     * The delay before a restart: none after a normal end, else {@code initial · 2^(failures−1)} capped at the
     * maximum, less up to 20 % jitter.
     */
    public static Duration backoff(TaskSpec spec, int consecutiveFailures, RandomGenerator random) {
        return backoff(spec.initialBackoff(), spec.maxBackoff(), consecutiveFailures, random);
    }

    /** The same from the backoff's bounds. */
    public static Duration backoff(
            Duration initialBackoff, Duration maxBackoff, int consecutiveFailures, RandomGenerator random) {
        if (consecutiveFailures <= 0) {
            return Duration.ZERO;
        }
        long initial = initialBackoff.toNanos();
        long max = maxBackoff.toNanos();
        int doublings = Math.min(consecutiveFailures - 1, 62);
        long base = initial > (max >> doublings) ? max : Math.min(max, initial << doublings);
        long jitter = (long) (base * 0.2 * random.nextDouble());
        return Duration.ofNanos(base - jitter);
    }
}
