package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops a trial whose best intermediate value so far is worse than the given percentile of the complete
 * trials' values at the same step — Optuna's {@code PercentilePruner}, whose semantics it keeps: it waits
 * for {@code nStartupTrials} complete trials, ignores steps before {@code nWarmupSteps}, judges a trial
 * once per {@code intervalSteps} (at its first report in each interval), needs at least {@code nMinTrials}
 * complete trials that reported at that step, prunes a trial whose values are all NaN and ignores NaN
 * among the others'. Single objective only.
 */
public class PercentilePruner implements Pruner {

    private final double percentile;
    private final int nStartupTrials;
    private final long nWarmupSteps;
    private final long intervalSteps;
    private final int nMinTrials;

    public PercentilePruner(double percentile) {
        this(percentile, 5, 0, 1, 1);
    }

    public PercentilePruner(
            double percentile, int nStartupTrials, long nWarmupSteps, long intervalSteps, int nMinTrials) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("a percentile is between 0 and 100, not " + percentile);
        }
        if (nStartupTrials < 0 || nWarmupSteps < 0) {
            throw new IllegalArgumentException("startup trials and warm-up steps are not negative");
        }
        if (intervalSteps < 1 || nMinTrials < 1) {
            throw new IllegalArgumentException("the interval and the minimum number of trials are at least 1");
        }
        this.percentile = percentile;
        this.nStartupTrials = nStartupTrials;
        this.nWarmupSteps = nWarmupSteps;
        this.intervalSteps = intervalSteps;
        this.nMinTrials = nMinTrials;
    }

    @Override
    public String name() {
        return "percentile";
    }

    @Override
    public boolean shouldPrune(StudyHistory history, Trial trial) {
        List<Trial> completed = history.complete().stream()
                .filter(t -> t.number() != trial.number())
                .toList();
        if (completed.isEmpty() || completed.size() < nStartupTrials) {
            return false;
        }
        long step = PruningSteps.lastStep(trial);
        if (step < 0 || step < nWarmupSteps) {
            return false;
        }
        if (!PruningSteps.firstInInterval(step, trial.intermediates().keySet(), nWarmupSteps, intervalSteps)) {
            return false;
        }
        Direction direction = history.direction();
        double best = PruningSteps.bestIntermediate(trial, direction);
        if (Double.isNaN(best)) {
            return true;
        }
        double threshold = percentileAtStep(completed, direction, step);
        if (Double.isNaN(threshold)) {
            return false;
        }
        return direction.better(threshold, best);
    }

    /**
     * The percentile of the trials' values at {@code step} (NaN ignored, linear interpolation as numpy's
     * {@code nanpercentile}), counted from the good end: for a maximised objective the 25th percentile is
     * the value a quarter of the trials beat. NaN when fewer than {@code nMinTrials} trials reported there.
     */
    private double percentileAtStep(List<Trial> completed, Direction direction, long step) {
        List<Double> values = new ArrayList<>();
        for (Trial other : completed) {
            Double value = other.intermediates().get(step);
            if (value != null) {
                values.add(value);
            }
        }
        if (values.size() < nMinTrials) {
            return Double.NaN;
        }
        double[] sorted = values.stream()
                .mapToDouble(Double::doubleValue)
                .filter(v -> !Double.isNaN(v))
                .sorted()
                .toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double q = direction == Direction.MAXIMIZE ? 100 - percentile : percentile;
        double position = q / 100 * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = (int) Math.ceil(position);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}
