package io.mabeam.agents.entity;

import io.mabeam.foundation.tasks.entity.RestartStrategy;
import java.time.Duration;

/**
 * How an agent is supervised and supervises. As a child: its restart strategy (permanent, transient,
 * temporary) and the backoff before a restart, from {@code initialBackoff} doubling per consecutive failure up
 * to {@code maxBackoff}. As a supervisor: which of its children restart when one fails ({@code strategy}) and
 * its intensity — more than {@code maxRestarts} restarts of its children within {@code window} and it gives up
 * and fails itself, escalating to its own supervisor.
 */
public record Supervision(
        RestartStrategy restart,
        Duration initialBackoff,
        Duration maxBackoff,
        SupervisionStrategy strategy,
        int maxRestarts,
        Duration window) {

    public Supervision {
        if (restart == null || strategy == null) {
            throw new IllegalArgumentException("supervision needs a restart strategy and a supervision strategy");
        }
        if (initialBackoff == null
                || maxBackoff == null
                || initialBackoff.isNegative()
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff runs from a non-negative initial delay up to a larger maximum");
        }
        if (maxRestarts < 0 || window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("max restarts is at least 0, within a positive window");
        }
    }

    /** Permanent, one-for-one, backoff 10 ms to 10 s, at most 10 restarts in 10 s. */
    public static Supervision defaults() {
        return new Supervision(
                RestartStrategy.PERMANENT,
                Duration.ofMillis(10),
                Duration.ofSeconds(10),
                SupervisionStrategy.ONE_FOR_ONE,
                10,
                Duration.ofSeconds(10));
    }

    public Supervision withRestart(RestartStrategy value) {
        return new Supervision(value, initialBackoff, maxBackoff, strategy, maxRestarts, window);
    }

    public Supervision withBackoff(Duration initial, Duration max) {
        return new Supervision(restart, initial, max, strategy, maxRestarts, window);
    }

    public Supervision withStrategy(SupervisionStrategy value) {
        return new Supervision(restart, initialBackoff, maxBackoff, value, maxRestarts, window);
    }

    public Supervision withIntensity(int restarts, Duration within) {
        return new Supervision(restart, initialBackoff, maxBackoff, strategy, restarts, within);
    }
}
