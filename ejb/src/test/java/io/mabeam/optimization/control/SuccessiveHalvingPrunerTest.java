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
import org.junit.jupiter.api.Test;

class SuccessiveHalvingPrunerTest {

    static final Direction MIN = Direction.MINIMIZE;
    static final Direction MAX = Direction.MAXIMIZE;

    /** Rungs at steps 1, 4, 16, …: min resource 1, reduction factor 4. */
    static final SuccessiveHalvingPruner ASHA = new SuccessiveHalvingPruner(1L, 4, 0, 0);

    /** Trials that reached rung 0 (step 1) with these values (step 0 reports 100). */
    static List<Trial> atRungZero(double... values) {
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            trials.add(running(i, 100, values[i]));
        }
        return trials;
    }

    @Test
    void theFirstTrialAtARungGoesOn() {
        assertThat(prunes(ASHA, MIN, List.of(), running(9, 100, 50))).isFalse();
        assertThat(ASHA.name()).isEqualTo("successive_halving");
    }

    @Test
    void whileFewerThanEtaTrialsAreThereOnlyTheBestGoesOn() {
        List<Trial> three = atRungZero(1, 2, 3); // with the trial: 4 values, the top quarter is 1 value
        assertThat(prunes(ASHA, MIN, three, running(9, 100, 0.5))).isFalse();
        assertThat(prunes(ASHA, MIN, three, running(9, 100, 1.0))).isFalse(); // ties go on
        assertThat(prunes(ASHA, MIN, three, running(9, 100, 1.5))).isTrue();
    }

    @Test
    void theTopOneOverEtaGoesOn() {
        List<Trial> seven = atRungZero(1, 2, 3, 4, 5, 6, 7); // with the trial: 8 values, the top 2 go on
        assertThat(prunes(ASHA, MIN, seven, running(9, 100, 1.5))).isFalse();
        assertThat(prunes(ASHA, MIN, seven, running(9, 100, 2.0))).isFalse();
        assertThat(prunes(ASHA, MIN, seven, running(9, 100, 2.5))).isTrue();
        assertThat(prunes(ASHA, MAX, seven, running(9, 100, 6.5))).isFalse();
        assertThat(prunes(ASHA, MAX, seven, running(9, 100, 5.5))).isTrue();
    }

    @Test
    void aTrialIsJudgedOnlyWhenItReachesARung() {
        List<Trial> three = atRungZero(1, 2, 3);
        assertThat(prunes(ASHA, MIN, three, running(9, 100))).isFalse(); // step 0: before rung 0
        // step 2 and 3 lie between rungs 0 (step 1) and 1 (step 4); rung 0 was passed at step 1
        assertThat(prunes(ASHA, MIN, three, running(9, 100, 0.5, 99))).isFalse();
        assertThat(prunes(ASHA, MIN, three, running(9, 100, 0.5, 99, 99))).isFalse();
        // at step 4, rung 1: alone there, it goes on, whatever the value
        assertThat(prunes(ASHA, MIN, three, running(9, 100, 0.5, 99, 99, 99))).isFalse();
    }

    @Test
    void aReportSkippingPastSeveralRungsIsJudgedAtEach() {
        List<Trial> others = new ArrayList<>(atRungZero(5, 6, 7)); // rung 0 only
        others.add(atSteps(3, TrialState.COMPLETE, Map.of(0L, 9.0, 4L, 1.0))); // rungs 0 and 1 at value 1
        // step 4 at once: rung 0 (value 2 against 5, 6, 7, 1: not the best) prunes it
        Trial jumper = atSteps(9, TrialState.RUNNING, Map.of(4L, 2.0));
        assertThat(prunes(ASHA, MIN, others, jumper)).isTrue();
        Trial better = atSteps(9, TrialState.RUNNING, Map.of(4L, 0.5));
        assertThat(prunes(ASHA, MIN, others, better)).isFalse();
    }

    @Test
    void everyTrialThatReachedTheRungCompetesWhateverItsState() {
        List<Trial> others = List.of(
                reported(0, TrialState.PRUNED, 100, 1),
                reported(1, TrialState.COMPLETE, 100, 2, 3, 4, 5),
                running(2, 100, 3),
                reported(3, TrialState.FAILED, 100)); // never reached the rung: does not compete
        assertThat(prunes(ASHA, MIN, others, running(9, 100, 1.5))).isTrue();
        assertThat(prunes(ASHA, MIN, others.subList(1, 4), running(9, 100, 1.5)))
                .isFalse();
    }

    @Test
    void aNanValueAtARungIsPruned() {
        assertThat(prunes(ASHA, MIN, List.of(), running(9, 100, Double.NaN))).isTrue();
        assertThat(prunes(ASHA, MIN, List.of(), running(9, Double.NaN))).isFalse(); // not at a rung
        // others' NaN rank last
        assertThat(prunes(ASHA, MIN, atRungZero(Double.NaN, Double.NaN, Double.NaN), running(9, 100, 1e9)))
                .isFalse();
    }

    @Test
    void theMinimumEarlyStoppingRateDelaysTheFirstRung() {
        SuccessiveHalvingPruner later = new SuccessiveHalvingPruner(1L, 4, 1, 0); // rungs at 4, 16, …
        List<Trial> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(running(i, 1, 1, 1, 1, 1));
        }
        assertThat(prunes(later, MIN, three, running(9, 9, 9, 9, 9))).isFalse(); // step 3
        assertThat(prunes(later, MIN, three, running(9, 9, 9, 9, 9, 9))).isTrue(); // step 4
    }

    @Test
    void aBootstrapCountPrunesUntilEnoughTrialsReachedTheRung() {
        SuccessiveHalvingPruner bootstrapped = new SuccessiveHalvingPruner(1L, 4, 0, 2);
        assertThat(prunes(bootstrapped, MIN, atRungZero(5), running(9, 100, 1))).isTrue(); // 2 values
        assertThat(prunes(bootstrapped, MIN, atRungZero(5, 6), running(9, 100, 1)))
                .isFalse(); // 3 values
        assertThatThrownBy(() -> new SuccessiveHalvingPruner(null, 4, 0, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAutomaticMinimumResourceWaitsForACompleteTrialAndIsAHundredthOfIt() {
        SuccessiveHalvingPruner auto = new SuccessiveHalvingPruner();
        List<Trial> running = atRungZero(1, 2, 3);
        assertThat(prunes(auto, MIN, running, running(9, 100, 50))).isFalse(); // nothing complete yet
        List<Trial> withComplete = new ArrayList<>(running);
        double[] long400 = new double[400]; // last step 399: min resource 3, rungs at 3, 12, 48
        java.util.Arrays.fill(long400, 0.1);
        withComplete.add(complete(5, long400));
        assertThat(prunes(auto, MIN, withComplete, running(9, 100, 50))).isFalse(); // step 1: no rung
        assertThat(prunes(auto, MIN, withComplete, running(9, 100, 50, 50, 50))).isTrue(); // step 3 vs 0.1
        assertThat(SuccessiveHalvingPruner.estimatedMinResource(PrunerFixtures.history(MIN, running, running(9))))
                .isNull();
    }

    @Test
    void refusesSenselessSettings() {
        assertThatThrownBy(() -> new SuccessiveHalvingPruner(0L, 4, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SuccessiveHalvingPruner(1L, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SuccessiveHalvingPruner(1L, 4, -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
