package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2018), as Optuna's {@code SuccessiveHalvingPruner}:
 * rung k lies at step {@code minResource · η^(minEarlyStoppingRate + k)}; a trial reaching a rung goes on
 * only if its value there is among the best 1/η of the values every trial reached the rung with (itself
 * included; while fewer than η trials are there, only the best goes on), or there are more than
 * {@code bootstrapCount} of them.
 *
 * <p>Optuna records each trial's rung values in its system attributes as the pruner passes them. Trials
 * here are immutable records, so the rung values are read from the intermediates instead: a trial's value
 * at a rung is the one it reported at the first step at or after the rung's step. A trial is judged at
 * the rungs its latest report newly reached (the rungs before were passed when it reported earlier,
 * which is why the pruner must be asked after every report). With {@code minResource} 'auto' it is
 * re-estimated from the history at each ask: a hundredth of the longest complete trial's last step (at
 * least 1); nothing is pruned before a trial completes.
 */
public final class SuccessiveHalvingPruner implements Pruner {

    private final Long minResource;
    private final int reductionFactor;
    private final int minEarlyStoppingRate;
    private final int bootstrapCount;

    /** Optuna's defaults: min resource 'auto', reduction factor 4, min early-stopping rate 0, no bootstrap. */
    public SuccessiveHalvingPruner() {
        this(null, 4, 0, 0);
    }

    /**
     * @param minResource the first rung's step; {@code null}: 'auto'
     */
    public SuccessiveHalvingPruner(
            Long minResource, int reductionFactor, int minEarlyStoppingRate, int bootstrapCount) {
        if (minResource != null && minResource < 1) {
            throw new IllegalArgumentException("the minimum resource is at least 1, not " + minResource);
        }
        if (reductionFactor < 2) {
            throw new IllegalArgumentException("the reduction factor is at least 2, not " + reductionFactor);
        }
        if (minEarlyStoppingRate < 0 || bootstrapCount < 0) {
            throw new IllegalArgumentException("the early-stopping rate and the bootstrap count are not negative");
        }
        if (bootstrapCount > 0 && minResource == null) {
            throw new IllegalArgumentException("a bootstrap count needs an explicit minimum resource");
        }
        this.minResource = minResource;
        this.reductionFactor = reductionFactor;
        this.minEarlyStoppingRate = minEarlyStoppingRate;
        this.bootstrapCount = bootstrapCount;
    }

    @Override
    public String name() {
        return "successive_halving";
    }

    @Override
    public boolean shouldPrune(StudyHistory history, Trial trial) {
        long step = PruningSteps.lastStep(trial);
        if (step < 0) {
            return false;
        }
        Long resource = minResource != null ? minResource : estimatedMinResource(history);
        if (resource == null) {
            return false;
        }
        double value = trial.intermediates().get(step);
        SortedMap<Long, Double> before = trial.intermediates().headMap(step);
        long previousStep = before.isEmpty() ? -1 : before.lastKey();
        Direction direction = history.direction();
        for (int rung = 0; ; rung++) {
            long rungStep = rungStep(resource, rung);
            if (step < rungStep) {
                return false;
            }
            if (rungStep <= previousStep) {
                continue; // passed when the trial reported earlier
            }
            if (Double.isNaN(value)) {
                return true;
            }
            List<Double> competing = valuesAtRung(history, trial, rungStep);
            competing.add(value);
            if (competing.size() <= bootstrapCount) {
                return true;
            }
            if (!promotable(value, competing, direction)) {
                return true;
            }
        }
    }

    /** The step of rung {@code rung}, saturating rather than overflowing. */
    long rungStep(long resource, int rung) {
        long step = resource;
        for (int k = 0; k < minEarlyStoppingRate + rung; k++) {
            if (step > Long.MAX_VALUE / reductionFactor) {
                return Long.MAX_VALUE;
            }
            step *= reductionFactor;
        }
        return step;
    }

    /** What every other trial reported at the first step at or after {@code rungStep}. */
    private static List<Double> valuesAtRung(StudyHistory history, Trial trial, long rungStep) {
        List<Double> values = new ArrayList<>();
        for (Trial other : history.trials()) {
            if (other.number() == trial.number()) {
                continue;
            }
            SortedMap<Long, Double> reached = other.intermediates().tailMap(rungStep);
            if (!reached.isEmpty()) {
                values.add(reached.get(reached.firstKey()));
            }
        }
        return values;
    }

    private boolean promotable(double value, List<Double> competing, Direction direction) {
        int promotableIndex = Math.max(0, competing.size() / reductionFactor - 1);
        double[] losses = competing.stream()
                .mapToDouble(v -> PruningSteps.loss(direction, v))
                .sorted()
                .toArray();
        return PruningSteps.loss(direction, value) <= losses[promotableIndex];
    }

    /** A hundredth of the longest complete trial's last step, at least 1; none before a trial completes. */
    static Long estimatedMinResource(StudyHistory history) {
        long longest = history.trials().stream()
                .filter(t -> t.state() == TrialState.COMPLETE)
                .mapToLong(PruningSteps::lastStep)
                .max()
                .orElse(-1);
        return longest < 0 ? null : Math.max(longest / 100, 1);
    }
}
