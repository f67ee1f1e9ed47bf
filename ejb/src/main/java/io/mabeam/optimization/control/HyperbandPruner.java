package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Hyperband (Li et al. 2018) as Optuna's {@code HyperbandPruner}: several brackets of asynchronous
 * successive halving, bracket b starting its rungs at {@code minResource · η^b}, so the early brackets
 * stop aggressively and the late ones hardly at all. A trial's bracket is chosen by a hash (CRC-32) of its
 * number, in proportion to Hyperband's trial budgets per bracket, so every node puts it in the same one;
 * it only competes with the trials of its bracket.
 *
 * <p>The number of brackets is ⌊log_η(maxResource / minResource)⌋ + 1. With {@code maxResource} 'auto'
 * it is the longest complete trial's last step + 1, re-read from the history at each ask; nothing is
 * pruned before a trial completes.
 */
public final class HyperbandPruner implements Pruner {

    private final long minResource;
    private final Long maxResource;
    private final int reductionFactor;
    private final int bootstrapCount;

    /** Optuna's defaults: min resource 1, max resource 'auto', reduction factor 3, no bootstrap. */
    public HyperbandPruner() {
        this(1, null, 3, 0);
    }

    /**
     * @param maxResource the steps of a full trial; {@code null}: 'auto'
     */
    public HyperbandPruner(long minResource, Long maxResource, int reductionFactor, int bootstrapCount) {
        if (minResource < 1) {
            throw new IllegalArgumentException("the minimum resource is at least 1, not " + minResource);
        }
        if (maxResource != null && maxResource < minResource) {
            throw new IllegalArgumentException("the maximum resource is at least the minimum resource");
        }
        if (reductionFactor < 2) {
            throw new IllegalArgumentException("the reduction factor is at least 2, not " + reductionFactor);
        }
        if (bootstrapCount < 0) {
            throw new IllegalArgumentException("the bootstrap count is not negative");
        }
        this.minResource = minResource;
        this.maxResource = maxResource;
        this.reductionFactor = reductionFactor;
        this.bootstrapCount = bootstrapCount;
    }

    @Override
    public String name() {
        return "hyperband";
    }

    @Override
    public boolean shouldPrune(StudyHistory history, Trial trial) {
        int brackets = brackets(history);
        if (brackets == 0) {
            return false;
        }
        int bracket = bracket(trial.number(), brackets);
        StudyHistory sameBracket = new StudyHistory(
                history.space(),
                history.directions(),
                history.trials().stream()
                        .filter(t -> t.number() == trial.number() || bracket(t.number(), brackets) == bracket)
                        .toList());
        return new SuccessiveHalvingPruner(minResource, reductionFactor, bracket, bootstrapCount)
                .shouldPrune(sameBracket, trial);
    }

    /** How many brackets: none while 'auto' has no complete trial to measure. */
    int brackets(StudyHistory history) {
        long max;
        if (maxResource != null) {
            max = maxResource;
        } else {
            long longest = history.trials().stream()
                    .filter(t -> t.state() == TrialState.COMPLETE)
                    .mapToLong(PruningSteps::lastStep)
                    .max()
                    .orElse(-1);
            if (longest < 0) {
                return 0;
            }
            max = longest + 1;
        }
        int brackets = 1; // ⌊log_η(max / min)⌋ + 1, in whole numbers
        for (long resource = minResource; resource <= max / reductionFactor; resource *= reductionFactor) {
            brackets++;
        }
        return brackets;
    }

    /**
     * The bracket of trial {@code number}: bracket b gets a share ⌈B·η^s / (s + 1)⌉ of the trials, s = B − 1 − b
     * (Hyperband's n for that bracket), and a trial falls in the share its hash lands in.
     */
    int bracket(long number, int brackets) {
        long[] cumulativeBudget = new long[brackets];
        long total = 0;
        for (int b = 0; b < brackets; b++) {
            int s = brackets - 1 - b;
            total += (long) Math.ceil(brackets * Math.pow(reductionFactor, s) / (s + 1));
            cumulativeBudget[b] = total;
        }
        CRC32 crc = new CRC32();
        crc.update(Long.toString(number).getBytes(StandardCharsets.UTF_8));
        long n = crc.getValue() % total;
        for (int b = 0; b < brackets; b++) {
            if (n < cumulativeBudget[b]) {
                return b;
            }
        }
        throw new IllegalStateException("unreachable: " + n + " beyond the total budget " + total);
    }
}
