package io.mabeam.optimization.control;

import static io.mabeam.optimization.control.PrunerFixtures.complete;
import static io.mabeam.optimization.control.PrunerFixtures.history;
import static io.mabeam.optimization.control.PrunerFixtures.prunes;
import static io.mabeam.optimization.control.PrunerFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class HyperbandPrunerTest {

    static final Direction MIN = Direction.MINIMIZE;

    /** Four brackets: rungs from step 1, 3, 9 and 27 (min resource 1, max 27, reduction factor 3). */
    static final HyperbandPruner HYPERBAND = new HyperbandPruner(1, 27L, 3, 0);

    static long[] numbersInBracket(int bracket, int count) {
        return LongStream.range(0, 10_000)
                .filter(n -> HYPERBAND.bracket(n, 4) == bracket)
                .limit(count)
                .toArray();
    }

    @Test
    void theNumberOfBracketsIsTheLogOfTheResourceRatioPlusOne() {
        assertThat(HYPERBAND.brackets(history(MIN, List.of(), running(0)))).isEqualTo(4);
        assertThat(new HyperbandPruner(1, 26L, 3, 0).brackets(history(MIN, List.of(), running(0))))
                .isEqualTo(3);
        assertThat(new HyperbandPruner(2, 100L, 2, 0).brackets(history(MIN, List.of(), running(0))))
                .isEqualTo(6); // 2, 4, …, 64 ≤ 100
        HyperbandPruner auto = new HyperbandPruner();
        assertThat(auto.brackets(history(MIN, List.of(), running(0, 1, 2)))).isZero();
        double[] eightyOneSteps = new double[81]; // last step 80: max resource 81
        assertThat(auto.brackets(history(MIN, List.of(complete(1, eightyOneSteps)), running(0))))
                .isEqualTo(5);
        assertThat(auto.name()).isEqualTo("hyperband");
    }

    @Test
    void trialsSpreadOverTheBracketsByHyperbandsBudgetsAndStayThere() {
        // budgets for 4 brackets, η = 3: ⌈4·27/4⌉ = 27, ⌈4·9/3⌉ = 12, ⌈4·3/2⌉ = 6, ⌈4/1⌉ = 4 (of 49)
        int[] counts = new int[4];
        for (long n = 0; n < 49_000; n++) {
            counts[HYPERBAND.bracket(n, 4)]++;
        }
        assertThat(counts[0] / 49_000.0).isCloseTo(27 / 49.0, within(0.02));
        assertThat(counts[1] / 49_000.0).isCloseTo(12 / 49.0, within(0.02));
        assertThat(counts[2] / 49_000.0).isCloseTo(6 / 49.0, within(0.02));
        assertThat(counts[3] / 49_000.0).isCloseTo(4 / 49.0, within(0.02));
        assertThat(new HyperbandPruner(1, 27L, 3, 0).bracket(12345, 4)).isEqualTo(HYPERBAND.bracket(12345, 4));
    }

    @Test
    void aTrialCompetesOnlyWithinItsBracket() {
        long[] first = numbersInBracket(0, 4);
        long[] last = numbersInBracket(3, 3);
        Trial poor = running(first[3], 100, 5); // step 1: rung 0 of bracket 0
        List<Trial> betterInTheSameBracket = new ArrayList<>();
        List<Trial> betterElsewhere = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            betterInTheSameBracket.add(running(first[i], 100, 1));
            betterElsewhere.add(running(last[i], 100, 1));
        }
        assertThat(prunes(HYPERBAND, MIN, betterInTheSameBracket, poor)).isTrue();
        assertThat(prunes(HYPERBAND, MIN, betterElsewhere, poor)).isFalse();
    }

    @Test
    void laterBracketsStopLater() {
        long[] third = numbersInBracket(2, 4); // rungs from step 9
        List<Trial> better = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            better.add(running(third[i], new double[10]));
        }
        double[] poorTo8 = new double[9];
        java.util.Arrays.fill(poorTo8, 5);
        assertThat(prunes(HYPERBAND, MIN, better, running(third[3], poorTo8))).isFalse(); // step 8
        double[] poorTo9 = new double[10];
        java.util.Arrays.fill(poorTo9, 5);
        assertThat(prunes(HYPERBAND, MIN, better, running(third[3], poorTo9))).isTrue(); // step 9
    }

    @Test
    void anAutomaticMaximumResourceWaitsForACompleteTrial() {
        long[] first = numbersInBracket(0, 4);
        List<Trial> better = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            better.add(running(first[i], 100, 1));
        }
        HyperbandPruner auto = new HyperbandPruner();
        assertThat(prunes(auto, MIN, better, running(first[3], 100, 5))).isFalse();
    }

    @Test
    void refusesSenselessSettings() {
        assertThatThrownBy(() -> new HyperbandPruner(0, 27L, 3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HyperbandPruner(10, 9L, 3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HyperbandPruner(1, 27L, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
