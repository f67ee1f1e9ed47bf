package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;

/**
 * Stops a trial whose latest intermediate value leaves [{@code lower}, {@code upper}] or is NaN: a guard
 * against diverging runs, whatever the other trials did (Optuna's {@code ThresholdPruner}). Steps before
 * {@code nWarmupSteps} are never judged; after them, once per {@code intervalSteps}.
 */
public final class ThresholdPruner implements Pruner {

    private final double lower;
    private final double upper;
    private final long nWarmupSteps;
    private final long intervalSteps;

    /**
     * @param lower the lowest acceptable value, {@code null} for none
     * @param upper the highest acceptable value, {@code null} for none
     */
    public ThresholdPruner(Double lower, Double upper, long nWarmupSteps, long intervalSteps) {
        if (lower == null && upper == null) {
            throw new IllegalArgumentException("a threshold pruner has a lower bound, an upper bound or both");
        }
        this.lower = lower == null ? Double.NEGATIVE_INFINITY : lower;
        this.upper = upper == null ? Double.POSITIVE_INFINITY : upper;
        if (Double.isNaN(this.lower) || Double.isNaN(this.upper) || this.lower > this.upper) {
            throw new IllegalArgumentException("the lower bound " + lower + " is above the upper bound " + upper);
        }
        if (nWarmupSteps < 0 || intervalSteps < 1) {
            throw new IllegalArgumentException("warm-up steps are not negative and the interval is at least 1");
        }
        this.nWarmupSteps = nWarmupSteps;
        this.intervalSteps = intervalSteps;
    }

    public static ThresholdPruner between(Double lower, Double upper) {
        return new ThresholdPruner(lower, upper, 0, 1);
    }

    @Override
    public String name() {
        return "threshold";
    }

    @Override
    public boolean shouldPrune(StudyHistory history, Trial trial) {
        long step = PruningSteps.lastStep(trial);
        if (step < 0 || step < nWarmupSteps) {
            return false;
        }
        if (!PruningSteps.firstInInterval(step, trial.intermediates().keySet(), nWarmupSteps, intervalSteps)) {
            return false;
        }
        double latest = trial.intermediates().get(step);
        return Double.isNaN(latest) || latest < lower || latest > upper;
    }
}
