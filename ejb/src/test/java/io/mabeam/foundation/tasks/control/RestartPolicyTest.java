package io.mabeam.foundation.tasks.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.foundation.tasks.control.RestartPolicy.Decision;
import io.mabeam.foundation.tasks.control.RestartPolicy.Done;
import io.mabeam.foundation.tasks.control.RestartPolicy.Escalate;
import io.mabeam.foundation.tasks.control.RestartPolicy.Restart;
import io.mabeam.foundation.tasks.entity.RestartStrategy;
import io.mabeam.foundation.tasks.entity.TaskSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final Random NO_JITTER = new Random() {
        @Override
        public double nextDouble() {
            return 0;
        }
    };

    static TaskSpec spec(RestartStrategy strategy, int maxRestarts) {
        return new TaskSpec(
                "t", strategy, Duration.ofMillis(100), Duration.ofSeconds(5), maxRestarts, Duration.ofMinutes(1));
    }

    @Test
    void eachStrategyRestartsWhenOtpWould() {
        assertThat(decide(RestartStrategy.PERMANENT, false)).isEqualTo(new Restart(Duration.ZERO));
        assertThat(decide(RestartStrategy.PERMANENT, true)).isEqualTo(new Restart(Duration.ofMillis(100)));
        assertThat(decide(RestartStrategy.TRANSIENT, false)).isEqualTo(new Done());
        assertThat(decide(RestartStrategy.TRANSIENT, true)).isEqualTo(new Restart(Duration.ofMillis(100)));
        assertThat(decide(RestartStrategy.TEMPORARY, true)).isEqualTo(new Done());
    }

    static Decision decide(RestartStrategy strategy, boolean failed) {
        return RestartPolicy.decide(spec(strategy, 3), failed, failed ? 1 : 0, new ArrayDeque<>(), NOW, NO_JITTER);
    }

    @Test
    void tooManyRestartsWithinTheWindowEscalateAndOldOnesAreForgotten() {
        Deque<Instant> restarts = new ArrayDeque<>();
        restarts.add(NOW.minusSeconds(90)); // outside the window
        restarts.add(NOW.minusSeconds(30));
        restarts.add(NOW.minusSeconds(10));
        assertThat(RestartPolicy.decide(spec(RestartStrategy.PERMANENT, 3), true, 1, restarts, NOW, NO_JITTER))
                .isInstanceOf(Restart.class);
        assertThat(restarts).hasSize(2);
        restarts.add(NOW.minusSeconds(1));
        assertThat(RestartPolicy.decide(spec(RestartStrategy.PERMANENT, 3), true, 1, restarts, NOW, NO_JITTER))
                .isEqualTo(new Escalate(3));
    }

    @Test
    void backoffDoublesPerConsecutiveFailureUpToTheMaximum() {
        TaskSpec spec = spec(RestartStrategy.PERMANENT, 3);
        assertThat(RestartPolicy.backoff(spec, 1, NO_JITTER)).isEqualTo(Duration.ofMillis(100));
        assertThat(RestartPolicy.backoff(spec, 2, NO_JITTER)).isEqualTo(Duration.ofMillis(200));
        assertThat(RestartPolicy.backoff(spec, 4, NO_JITTER)).isEqualTo(Duration.ofMillis(800));
        assertThat(RestartPolicy.backoff(spec, 7, NO_JITTER)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RestartPolicy.backoff(spec, 1000, NO_JITTER)).isEqualTo(Duration.ofSeconds(5));
    }

    @Property(tries = 500)
    void backoffStaysWithinItsBoundsAndNeverShrinksBeforeJitter(
            @ForAll @IntRange(min = 1, max = 200) int failures,
            @ForAll @LongRange(min = 0, max = 10_000) long initialMillis,
            @ForAll @LongRange(min = 0, max = 600_000) long extraMillis,
            @ForAll long seed) {
        TaskSpec spec = new TaskSpec(
                "t",
                RestartStrategy.TRANSIENT,
                Duration.ofMillis(initialMillis),
                Duration.ofMillis(initialMillis + extraMillis),
                1,
                Duration.ofMinutes(1));
        Duration delay = RestartPolicy.backoff(spec, failures, new Random(seed));
        Duration withoutJitter = RestartPolicy.backoff(spec, failures, NO_JITTER);
        assertThat(delay).isLessThanOrEqualTo(spec.maxBackoff());
        assertThat(delay.toNanos()).isGreaterThanOrEqualTo((long) (withoutJitter.toNanos() * 0.8) - 1);
        assertThat(withoutJitter)
                .isGreaterThanOrEqualTo(RestartPolicy.backoff(spec, failures - 1 == 0 ? 1 : failures - 1, NO_JITTER));
        assertThat(withoutJitter).isGreaterThanOrEqualTo(spec.initialBackoff());
    }
}
