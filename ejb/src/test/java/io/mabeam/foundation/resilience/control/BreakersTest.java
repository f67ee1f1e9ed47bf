package io.mabeam.foundation.resilience.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.foundation.resilience.entity.BreakerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BreakersTest {

    Instant now = Instant.parse("2026-11-26T10:00:00Z");
    final Breakers breakers = new Breakers(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    BreakerState state() {
        return breakers.states(Duration.ofSeconds(10)).get(0);
    }

    @Test
    void aRefusedCallOpensTheBreakerItsDelayMakesItHalfOpenAndASuccessClosesIt() {
        breakers.declare("hook");
        assertThat(state().state()).isEqualTo("closed");
        breakers.failed("hook", "answered 503");
        assertThat(state().state())
                .as("a failure alone leaves the decision to the breaker")
                .isEqualTo("closed");
        breakers.refused("hook", "circuit breaker open");
        assertThat(state().state()).isEqualTo("open");
        assertThat(state().lastFailure()).isEqualTo("circuit breaker open");

        now = now.plusSeconds(10);
        assertThat(state().state()).isEqualTo("half-open");
        breakers.failed("hook", "answered 503");
        assertThat(state().state()).as("a failed trial opens it again").isEqualTo("open");

        now = now.plusSeconds(11);
        assertThat(state().state()).isEqualTo("half-open");
        breakers.succeeded("hook");
        BreakerState closed = state();
        assertThat(closed.state()).isEqualTo("closed");
        assertThat(closed.calls()).isEqualTo(4);
        assertThat(closed.failures()).isEqualTo(2);
        assertThat(closed.refused()).isEqualTo(1);
        assertThat(closed.changedAt()).isEqualTo(now);
    }
}
