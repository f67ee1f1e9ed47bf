package io.mabeam.optimization.control;

import static io.mabeam.optimization.control.PrunerFixtures.atSteps;
import static io.mabeam.optimization.control.PrunerFixtures.complete;
import static io.mabeam.optimization.control.PrunerFixtures.prunes;
import static io.mabeam.optimization.control.PrunerFixtures.reported;
import static io.mabeam.optimization.control.PrunerFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MedianPrunerTest {

    static final Direction MIN = Direction.MINIMIZE;
    static final Direction MAX = Direction.MAXIMIZE;

    /** Five complete trials whose values at every step are 1, 2, 3, 4, 5: median 3. */
    static List<Trial> fiveComplete() {
        return IntStream.rangeClosed(1, 5)
                .mapToObj(v -> complete(v, v, v, v, v))
                .map(Trial.class::cast)
                .toList();
    }

    @Test
    void prunesATrialWorseThanTheMedianAtTheSameStepAndKeepsOneBetter() {
        MedianPruner pruner = new MedianPruner();
        assertThat(prunes(pruner, MIN, fiveComplete(), running(9, 3.5))).isTrue();
        assertThat(prunes(pruner, MIN, fiveComplete(), running(9, 3.0))).isFalse(); // equal: not worse
        assertThat(prunes(pruner, MIN, fiveComplete(), running(9, 2.5))).isFalse();
        assertThat(pruner.name()).isEqualTo("median");
    }

    @Test
    void judgesTheBestValueSoFarNotTheLatest() {
        // good at step 0, bad at step 2: its best so far (1) beats the median (3)
        assertThat(prunes(new MedianPruner(), MIN, fiveComplete(), running(9, 1, 4, 4.5)))
                .isFalse();
        assertThat(prunes(new MedianPruner(), MIN, fiveComplete(), running(9, 3.2, 4, 4.5)))
                .isTrue();
    }

    @Test
    void aMaximisedObjectiveFlipsTheComparison() {
        MedianPruner pruner = new MedianPruner();
        assertThat(prunes(pruner, MAX, fiveComplete(), running(9, 2.5))).isTrue();
        assertThat(prunes(pruner, MAX, fiveComplete(), running(9, 3.5))).isFalse();
        assertThat(prunes(pruner, MAX, fiveComplete(), running(9, 5, 1, 1))).isFalse(); // best so far 5
    }

    @Test
    void waitsForTheStartupTrials() {
        List<Trial> four = fiveComplete().subList(0, 4);
        assertThat(prunes(new MedianPruner(), MIN, four, running(9, 100))).isFalse();
        assertThat(prunes(new MedianPruner(4, 0, 1, 1), MIN, four, running(9, 100)))
                .isTrue();
        // running and pruned trials are not startup trials, however many
        List<Trial> others = new ArrayList<>(four);
        others.add(reported(7, TrialState.PRUNED, 1));
        others.add(running(8, 1));
        assertThat(prunes(new MedianPruner(), MIN, others, running(9, 100))).isFalse();
    }

    @Test
    void onlyCompleteTrialsSetTheMedian() {
        List<Trial> others = new ArrayList<>(fiveComplete());
        for (int n = 10; n < 20; n++) {
            others.add(reported(n, TrialState.PRUNED, 100)); // would lift the median above 3.5
            others.add(running(n + 10, 100));
        }
        assertThat(prunes(new MedianPruner(), MIN, others, running(99, 3.5))).isTrue();
    }

    @Test
    void noJudgementDuringWarmUp() {
        MedianPruner pruner = new MedianPruner(5, 2, 1, 1);
        assertThat(prunes(pruner, MIN, fiveComplete(), running(9, 9))).isFalse(); // step 0
        assertThat(prunes(pruner, MIN, fiveComplete(), running(9, 9, 9))).isFalse(); // step 1
        assertThat(prunes(pruner, MIN, fiveComplete(), running(9, 9, 9, 9))).isTrue(); // step 2
    }

    @Test
    void judgesOncePerIntervalAtTheFirstReportInIt() {
        List<Trial> others = IntStream.rangeClosed(1, 5)
                .mapToObj(v ->
                        complete(v, IntStream.range(0, 10).mapToDouble(s -> v).toArray()))
                .map(Trial.class::cast)
                .toList();
        MedianPruner pruner = new MedianPruner(5, 1, 3, 1); // judged at steps 1, 4, 7, …
        assertThat(prunes(pruner, MIN, others, running(9, 9, 9))).isTrue(); // step 1
        assertThat(prunes(pruner, MIN, others, running(9, 9, 9, 9))).isFalse(); // step 2: same interval
        assertThat(prunes(pruner, MIN, others, running(9, 9, 9, 9, 9))).isFalse(); // step 3
        assertThat(prunes(pruner, MIN, others, running(9, 9, 9, 9, 9, 9))).isTrue(); // step 4
        // reports at steps 1 and 5 only: step 5 is the first report in the interval [4, 7)
        assertThat(prunes(pruner, MIN, others, atSteps(9, TrialState.RUNNING, Map.of(1L, 9.0, 5L, 9.0))))
                .isTrue();
    }

    @Test
    void needsTheMinimumNumberOfTrialsAtTheStep() {
        List<Trial> others = new ArrayList<>(fiveComplete().subList(0, 3)); // 1, 2, 3 up to step 3
        others.add(complete(4, 4)); // stopped at step 0
        others.add(complete(5, 5));
        Trial slow = running(9, 9, 9);
        assertThat(prunes(new MedianPruner(5, 0, 1, 3), MIN, others, slow)).isTrue(); // 3 trials at step 1
        assertThat(prunes(new MedianPruner(5, 0, 1, 4), MIN, others, slow)).isFalse();
        assertThat(prunes(new MedianPruner(), MIN, others, running(9, 9, 9, 9, 9, 9, 9)))
                .isFalse(); // none at 5
    }

    @Test
    void nanValues() {
        assertThat(prunes(new MedianPruner(), MIN, fiveComplete(), running(9, Double.NaN)))
                .isTrue();
        assertThat(prunes(new MedianPruner(), MIN, fiveComplete(), running(9, Double.NaN, 2.5)))
                .isFalse(); // the NaN is ignored
        List<Trial> withNaN = new ArrayList<>(fiveComplete());
        withNaN.add(complete(6, Double.NaN));
        withNaN.add(complete(7, Double.NaN));
        // NaN ignored among the others: still the median of 1..5
        assertThat(prunes(new MedianPruner(), MIN, withNaN, running(9, 3.5))).isTrue();
        List<Trial> allNaN = IntStream.range(0, 5)
                .mapToObj(n -> complete(n, Double.NaN))
                .map(Trial.class::cast)
                .toList();
        assertThat(prunes(new MedianPruner(), MIN, allNaN, running(9, 1e9))).isFalse();
    }

    @Test
    void aPercentileIsInterpolatedAndCountedFromTheGoodEnd() {
        // values 1..5: the 25th percentile is 2, the 75th 4
        PercentilePruner quarter = new PercentilePruner(25);
        assertThat(prunes(quarter, MIN, fiveComplete(), running(9, 2.1))).isTrue();
        assertThat(prunes(quarter, MIN, fiveComplete(), running(9, 2.0))).isFalse();
        // maximising, the best quarter is above 4
        assertThat(prunes(quarter, MAX, fiveComplete(), running(9, 3.9))).isTrue();
        assertThat(prunes(quarter, MAX, fiveComplete(), running(9, 4.0))).isFalse();
        // between samples: the 10th percentile of 1..5 is 1.4
        assertThat(prunes(new PercentilePruner(10), MIN, fiveComplete(), running(9, 1.41)))
                .isTrue();
        assertThat(prunes(new PercentilePruner(10), MIN, fiveComplete(), running(9, 1.39)))
                .isFalse();
        assertThat(quarter.name()).isEqualTo("percentile");
    }

    @Test
    void aTrialWithoutReportsIsNeverPruned() {
        assertThat(prunes(new MedianPruner(), MIN, fiveComplete(), running(9))).isFalse();
    }

    @Test
    void refusesSenselessSettings() {
        assertThatThrownBy(() -> new PercentilePruner(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MedianPruner(5, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MedianPruner(-1, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MedianPruner(5, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void aTrialBestAtEveryStepIsNeverPruned(
            @ForAll @Size(min = 1, max = 12) List<@DoubleRange(min = -100, max = 100) Double> margins,
            @ForAll @IntRange(min = 0, max = 12) int completeTrials,
            @ForAll @IntRange(min = 0, max = 3) int warmup,
            @ForAll @IntRange(min = 1, max = 3) int interval,
            @ForAll boolean maximise,
            @ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        Direction direction = maximise ? MAX : MIN;
        int steps = margins.size();
        List<Trial> others = new ArrayList<>();
        double[] bestOfOthers = new double[steps];
        java.util.Arrays.fill(bestOfOthers, maximise ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        for (int n = 0; n < completeTrials; n++) {
            int length = 1 + random.nextInt(steps + 2);
            double[] values = new double[length];
            for (int s = 0; s < length; s++) {
                values[s] = random.nextGaussian() * 50;
                if (s < steps) {
                    bestOfOthers[s] =
                            maximise ? Math.max(bestOfOthers[s], values[s]) : Math.min(bestOfOthers[s], values[s]);
                }
            }
            others.add(complete(n, values));
        }
        double[] mine = new double[steps];
        for (int s = 0; s < steps; s++) {
            double anchor = Double.isInfinite(bestOfOthers[s]) ? 0 : bestOfOthers[s];
            double margin = Math.abs(margins.get(s));
            mine[s] = maximise ? anchor + margin : anchor - margin; // at least as good as every other
        }
        MedianPruner pruner = new MedianPruner(0, warmup, interval, 1);
        for (int s = 1; s <= steps; s++) {
            Trial soFar = running(1000, java.util.Arrays.copyOf(mine, s));
            assertThat(prunes(pruner, direction, others, soFar)).isFalse();
        }
    }
}
