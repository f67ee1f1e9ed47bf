package io.mabeam.foundation.ratelimits.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateDecisionTest {

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(refusedFor(Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(refusedFor(Duration.ofMillis(14_001)).retryAfterSeconds()).isEqualTo(15);
        assertThat(refusedFor(Duration.ofSeconds(15)).retryAfterSeconds()).isEqualTo(15);
        assertThat(refusedFor(Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void readingMethodsAreOneClassAndEverythingElseTheOther() {
        assertThat(RouteClass.of("GET")).isEqualTo(RouteClass.READ);
        assertThat(RouteClass.of("head")).isEqualTo(RouteClass.READ);
        assertThat(RouteClass.of("OPTIONS")).isEqualTo(RouteClass.READ);
        assertThat(RouteClass.of("POST")).isEqualTo(RouteClass.WRITE);
        assertThat(RouteClass.of("PATCH")).isEqualTo(RouteClass.WRITE);
        assertThat(RouteClass.WRITE.setting()).isEqualTo("mabeam.ratelimit.write.per-minute");
    }

    static RateDecision refusedFor(Duration wait) {
        return new RateDecision(false, RouteClass.WRITE, 10, 0, wait);
    }
}
