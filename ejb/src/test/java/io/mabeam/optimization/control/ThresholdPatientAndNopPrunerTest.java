package io.mabeam.optimization.control;

import static io.mabeam.optimization.control.PrunerFixtures.atSteps;
import static io.mabeam.optimization.control.PrunerFixtures.complete;
import static io.mabeam.optimization.control.PrunerFixtures.prunes;
import static io.mabeam.optimization.control.PrunerFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ThresholdPatientAndNopPrunerTest {

    static final Direction MIN = Direction.MINIMIZE;
    static final Direction MAX = Direction.MAXIMIZE;

    @Test
    void thresholdPrunesALatestValueOutsideTheBoundsOrNan() {
        ThresholdPruner pruner = ThresholdPruner.between(0.0, 1.0);
        assertThat(prunes(pruner, MIN, List.of(), running(0, 0.5))).isFalse();
        assertThat(prunes(pruner, MIN, List.of(), running(0, 0.0))).isFalse(); // bounds included
        assertThat(prunes(pruner, MIN, List.of(), running(0, 1.0))).isFalse();
        assertThat(prunes(pruner, MIN, List.of(), running(0, 1.5))).isTrue();
        assertThat(prunes(pruner, MAX, List.of(), running(0, -0.5))).isTrue();
        assertThat(prunes(pruner, MIN, List.of(), running(0, 5, 0.5))).isFalse(); // the latest counts
        assertThat(prunes(pruner, MIN, List.of(), running(0, Double.NaN))).isTrue();
        assertThat(prunes(pruner, MIN, List.of(), running(0))).isFalse();
        assertThat(pruner.name()).isEqualTo("threshold");
    }

    @Test
    void thresholdWithOneBound() {
        assertThat(prunes(ThresholdPruner.between(null, 10.0), MIN, List.of(), running(0, -1e300)))
                .isFalse();
        assertThat(prunes(ThresholdPruner.between(null, 10.0), MIN, List.of(), running(0, 11)))
                .isTrue();
        assertThat(prunes(ThresholdPruner.between(-1.0, null), MIN, List.of(), running(0, 1e300)))
                .isFalse();
        assertThat(prunes(ThresholdPruner.between(-1.0, null), MIN, List.of(), running(0, -2)))
                .isTrue();
    }

    @Test
    void thresholdWaitsForTheWarmUpAndJudgesOncePerInterval() {
        ThresholdPruner pruner = new ThresholdPruner(null, 1.0, 2, 2); // judged at steps 2, 4, 6, …
        assertThat(prunes(pruner, MIN, List.of(), running(0, 9))).isFalse();
        assertThat(prunes(pruner, MIN, List.of(), running(0, 9, 9))).isFalse();
        assertThat(prunes(pruner, MIN, List.of(), running(0, 9, 9, 9))).isTrue(); // step 2
        assertThat(prunes(pruner, MIN, List.of(), running(0, 9, 9, 9, 9))).isFalse(); // step 3
        assertThat(prunes(pruner, MIN, List.of(), running(0, 9, 9, 9, 9, 9))).isTrue(); // step 4
        assertThat(prunes(pruner, MIN, List.of(), atSteps(0, TrialState.RUNNING, Map.of(3L, 0.0, 5L, 9.0))))
                .isTrue(); // step 5 is the first report in the interval [4, 6): judged
        assertThat(prunes(pruner, MIN, List.of(), atSteps(0, TrialState.RUNNING, Map.of(4L, 0.0, 5L, 9.0))))
                .isFalse(); // step 4 was judged in that interval already
    }

    @Test
    void thresholdRefusesSenselessBounds() {
        assertThatThrownBy(() -> ThresholdPruner.between(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThresholdPruner.between(2.0, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThresholdPruner(0.0, 1.0, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void patientPrunesOnlyAfterPatienceStepsWithoutImprovement() {
        PatientPruner pruner = new PatientPruner(2, 0.0);
        // best before the last 3 reports is 1; since then 1.5, 2, 3: stalled
        assertThat(prunes(pruner, MIN, List.of(), running(0, 3, 1, 1.5, 2, 3))).isTrue();
        // 0.9 among the last 3: it improved
        assertThat(prunes(pruner, MIN, List.of(), running(0, 3, 1, 1.5, 0.9, 3)))
                .isFalse();
        // equal is no worse: not stalled
        assertThat(prunes(pruner, MIN, List.of(), running(0, 3, 1, 1.5, 1, 3))).isFalse();
        // too few reports to judge: patience + 1 or fewer
        assertThat(prunes(pruner, MIN, List.of(), running(0, 1, 2, 3))).isFalse();
        assertThat(prunes(pruner, MIN, List.of(), running(0, 0, 1, 2, 3))).isTrue();
        assertThat(pruner.name()).isEqualTo("patient");
    }

    @Test
    void patientMaximisesAndHonoursTheMinimumImprovement() {
        assertThat(prunes(new PatientPruner(1, 0.0), MAX, List.of(), running(0, 1, 5, 4, 4.5)))
                .isTrue();
        assertThat(prunes(new PatientPruner(1, 0.0), MAX, List.of(), running(0, 1, 5, 4, 5.5)))
                .isFalse();
        // within min delta of the best before: not yet stalled (the best since must fall below best - delta)
        assertThat(prunes(new PatientPruner(1, 1.0), MAX, List.of(), running(0, 1, 5, 4, 4.5)))
                .isFalse();
        assertThat(prunes(new PatientPruner(1, 1.0), MIN, List.of(), running(0, 5, 1, 1.5, 1.8)))
                .isFalse();
        assertThat(prunes(new PatientPruner(1, 0.5), MIN, List.of(), running(0, 5, 1, 1.6, 1.8)))
                .isTrue();
    }

    @Test
    void patientIgnoresNanAndGivesNoVerdictWithoutNumbers() {
        PatientPruner pruner = new PatientPruner(1, 0.0);
        assertThat(prunes(pruner, MIN, List.of(), running(0, 1, Double.NaN, 2, Double.NaN)))
                .isTrue();
        assertThat(prunes(pruner, MIN, List.of(), running(0, Double.NaN, Double.NaN, 2, 3)))
                .isFalse();
    }

    @Test
    void patientDefersToTheWrappedPrunerOnceStalled() {
        List<Trial> fiveComplete = IntStream.rangeClosed(1, 5)
                .mapToObj(v -> complete(v, v, v, v, v, v))
                .map(Trial.class::cast)
                .toList();
        PatientPruner patientMedian = new PatientPruner(new MedianPruner(), 1, 0.0);
        // stalled and above the median (3): pruned
        assertThat(prunes(patientMedian, MIN, fiveComplete, running(9, 4, 3.5, 3.6, 3.7)))
                .isTrue();
        // stalled but better than the median: the median pruner keeps it
        assertThat(prunes(patientMedian, MIN, fiveComplete, running(9, 2, 1, 1.5, 1.6)))
                .isFalse();
        // above the median but improving: patience keeps it
        assertThat(prunes(patientMedian, MIN, fiveComplete, running(9, 5, 4.5, 4.0, 3.5)))
                .isFalse();
        assertThat(prunes(new PatientPruner(new NopPruner(), 0, 0.0), MIN, fiveComplete, running(9, 1, 9)))
                .isFalse();
        assertThatThrownBy(() -> new PatientPruner(-1, 0.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PatientPruner(1, -0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nopNeverPrunes() {
        NopPruner pruner = new NopPruner();
        StudyHistory history = PrunerFixtures.history(MIN, List.of(), running(0, Double.NaN));
        assertThat(pruner.shouldPrune(history, running(0, Double.NaN))).isFalse();
        assertThat(pruner.name()).isEqualTo("none");
    }
}
