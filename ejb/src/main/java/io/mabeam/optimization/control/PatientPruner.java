package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import java.util.ArrayList;
import java.util.List;

/**
 * Tolerates a trial's plateau: only when its intermediate values have not improved by more than
 * {@code minDelta} over the last {@code patience} steps does it ask the wrapped pruner — or, without one,
 * prune (Optuna's {@code PatientPruner}). Improvement is measured between the best value before the last
 * {@code patience + 1} reports and the best among them, NaN ignored. Single objective only.
 */
public final class PatientPruner implements Pruner {

    private final Pruner wrapped;
    private final int patience;
    private final double minDelta;

    /** Prunes by itself once the trial stalls. */
    public PatientPruner(int patience, double minDelta) {
        this(null, patience, minDelta);
    }

    /**
     * @param wrapped asked once the trial stalls; {@code null}: prune then
     */
    public PatientPruner(Pruner wrapped, int patience, double minDelta) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience is not negative, not " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("the minimum improvement is not negative, not " + minDelta);
        }
        this.wrapped = wrapped;
        this.patience = patience;
        this.minDelta = minDelta;
    }

    @Override
    public String name() {
        return "patient";
    }

    @Override
    public boolean shouldPrune(StudyHistory history, Trial trial) {
        List<Double> values = new ArrayList<>(trial.intermediates().values()); // by ascending step
        if (values.size() <= patience + 1) {
            return false; // too few reports to judge a plateau
        }
        int split = values.size() - patience - 1;
        Direction direction = history.direction();
        double bestBefore = best(values.subList(0, split), direction);
        double bestSince = best(values.subList(split, values.size()), direction);
        boolean stalled = direction == Direction.MINIMIZE
                ? bestBefore + minDelta < bestSince
                : bestBefore - minDelta > bestSince; // NaN on either side: no verdict
        if (!stalled) {
            return false;
        }
        return wrapped == null || wrapped.shouldPrune(history, trial);
    }

    private static double best(List<Double> values, Direction direction) {
        double best = Double.NaN;
        for (double value : values) {
            if (!Double.isNaN(value) && (Double.isNaN(best) || direction.better(value, best))) {
                best = value;
            }
        }
        return best;
    }
}
