package io.mabeam.optimization.control;

/**
 * Stops a trial whose best intermediate value so far is worse than the median of the complete trials'
 * values at the same step: the {@link PercentilePruner} at 50, as Optuna's {@code MedianPruner}.
 */
public final class MedianPruner extends PercentilePruner {

    /** Optuna's defaults: 5 startup trials, no warm-up, every step, at least 1 trial at the step. */
    public MedianPruner() {
        this(5, 0, 1, 1);
    }

    public MedianPruner(int nStartupTrials, long nWarmupSteps, long intervalSteps, int nMinTrials) {
        super(50, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);
    }

    @Override
    public String name() {
        return "median";
    }
}
