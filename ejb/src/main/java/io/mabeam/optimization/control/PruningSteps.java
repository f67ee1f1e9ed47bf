package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.Trial;
import java.util.Set;
import java.util.SortedMap;

/** What several pruners ask of a trial's intermediate values, as Optuna's pruners answer it. */
final class PruningSteps {

    private PruningSteps() {}

    /**
     * Whether the trial's latest {@code step} is the first report in its pruning interval: intervals of
     * {@code intervalSteps} start at {@code warmupSteps}, and a trial is judged once per interval, at the
     * first step it reports in it (Optuna's {@code _is_first_in_interval_step}).
     */
    static boolean firstInInterval(long step, Set<Long> steps, long warmupSteps, long intervalSteps) {
        long nearestLowerPruningStep = Math.floorDiv(step - warmupSteps, intervalSteps) * intervalSteps + warmupSteps;
        long secondLastStep = -1;
        for (long s : steps) {
            if (s != step && s > secondLastStep) {
                secondLastStep = s;
            }
        }
        return secondLastStep < nearestLowerPruningStep;
    }

    /** The best of the trial's intermediate values, NaN ignored; NaN when there is no other. */
    static double bestIntermediate(Trial trial, Direction direction) {
        double best = Double.NaN;
        for (double value : trial.intermediates().values()) {
            if (!Double.isNaN(value) && (Double.isNaN(best) || direction.better(value, best))) {
                best = value;
            }
        }
        return best;
    }

    /** The latest step the trial reported at, or -1. */
    static long lastStep(Trial trial) {
        SortedMap<Long, Double> intermediates = trial.intermediates();
        return intermediates.isEmpty() ? -1 : intermediates.lastKey();
    }

    /** A loss for ranking: NaN is the worst. */
    static double loss(Direction direction, double value) {
        return Double.isNaN(value) ? Double.POSITIVE_INFINITY : direction.loss(value);
    }
}
