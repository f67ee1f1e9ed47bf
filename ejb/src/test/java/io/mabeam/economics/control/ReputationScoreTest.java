package io.mabeam.economics.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mabeam.economics.entity.Reputation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ReputationScoreTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final Duration DAY = Duration.ofDays(1);

    @Test
    void withoutOutcomesAnAgentStandsAtOneHalf() {
        Reputation none = ReputationScore.of("a", List.of(), NOW, DAY);
        assertThat(none.score()).isEqualTo(0.5);
        assertThat(none.outcomes()).isZero();
    }

    @Test
    void recentOutcomesCountMoreThanOldOnes() {
        // failed long ago, succeeding lately: the successes dominate; the other way round, the failures
        List<ReputationScore.Outcome> recovering = new ArrayList<>();
        List<ReputationScore.Outcome> decaying = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            recovering.add(new ReputationScore.Outcome(0, NOW.minus(DAY.multipliedBy(5))));
            recovering.add(new ReputationScore.Outcome(1, NOW.minusSeconds(60)));
            decaying.add(new ReputationScore.Outcome(1, NOW.minus(DAY.multipliedBy(5))));
            decaying.add(new ReputationScore.Outcome(0, NOW.minusSeconds(60)));
        }
        assertThat(ReputationScore.of("r", recovering, NOW, DAY).score()).isGreaterThan(0.8);
        assertThat(ReputationScore.of("d", decaying, NOW, DAY).score()).isLessThan(0.2);
        // one half-life halves an outcome's weight
        Reputation aged = ReputationScore.of("x", List.of(new ReputationScore.Outcome(1, NOW.minus(DAY))), NOW, DAY);
        assertThat(aged.evidence()).isCloseTo(0.5, within(1e-12));
        assertThat(aged.score()).isCloseTo((0.5 + 0.5) / 1.5, within(1e-12));
    }

    @Test
    void outcomesAreBetweenZeroAndOne() {
        assertThatThrownBy(() -> new ReputationScore.Outcome(1.5, NOW)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> ReputationScore.of("a", List.of(), NOW, Duration.ZERO))
                .hasMessageContaining("positive");
    }

    @Property(tries = 300)
    void aScoreStaysBetweenTheWorstAndBestOutcomeAndTheHalf(
            @ForAll @Size(max = 30) List<@DoubleRange(min = 0, max = 1) Double> values,
            @ForAll @IntRange(min = 0, max = 2_000_000) int ageSeconds) {
        List<ReputationScore.Outcome> outcomes = values.stream()
                .map(v -> new ReputationScore.Outcome(v, NOW.minusSeconds(ageSeconds)))
                .toList();
        double score = ReputationScore.of("a", outcomes, NOW, DAY).score();
        double low = Math.min(
                0.5, values.stream().mapToDouble(Double::doubleValue).min().orElse(0.5));
        double high = Math.max(
                0.5, values.stream().mapToDouble(Double::doubleValue).max().orElse(0.5));
        assertThat(score).isBetween(low - 1e-12, high + 1e-12);
    }
}
