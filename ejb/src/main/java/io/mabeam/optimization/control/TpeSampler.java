package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Suggestion;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.variables.entity.FixedVariable;
import io.mabeam.variables.entity.SearchSpace;
import io.mabeam.variables.entity.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al. 2011, with Optuna 4's refinements as the anchor):
 * trials are split into the best γ(n) and the rest, a Parzen estimator is fitted to each, and of
 * {@code candidates} points drawn from the good one the point with the largest ratio l(x)/g(x) wins.
 *
 * <p>Independent (one variable at a time) by default, or multivariate (joint kernels over the variables
 * every trial has; conditional ones stay independent). With the constant liar, running trials count among
 * the bad ones, so parallel workers asking at once spread out instead of piling onto one spot. Multi-objective
 * studies split by non-domination rank. The first {@code startupTrials} trials are random.
 *
 * <p>An ask over a long history costs little more than reading it: the good trials are picked without sorting
 * the rest, the bad estimator's density is first bounded by cheap expansions ({@link
 * ParzenEstimator#logDensityBounds}) and computed only when the bounds leave the best candidate in doubt, and
 * each variable's observation order is kept from one ask to the next ({@link ObservationOrder}). None of this
 * changes a suggestion: the densities that decide are computed as they always were, bit for bit, and what is
 * kept across asks is checked against the history it is used for.
 */
public final class TpeSampler implements Sampler {

    /**
     * TPE's settings; {@link #defaults()} are Optuna's. The good group is the best {@code gammaFraction} of the
     * finished trials, at most {@code gammaCap} (Optuna's γ: 10 %, at most 25).
     */
    public record Options(
            int startupTrials,
            int candidates,
            boolean multivariate,
            boolean constantLiar,
            double priorWeight,
            boolean magicClip,
            boolean considerEndpoints,
            double gammaFraction,
            int gammaCap) {

        public Options {
            if (startupTrials < 0 || candidates < 1 || !(priorWeight > 0)) {
                throw new IllegalArgumentException(
                        "TPE needs startupTrials ≥ 0, candidates ≥ 1 and a positive prior weight");
            }
            if (!(gammaFraction > 0 && gammaFraction <= 1) || gammaCap < 1) {
                throw new IllegalArgumentException("TPE needs 0 < gammaFraction ≤ 1 and gammaCap ≥ 1");
            }
        }

        public static Options defaults() {
            return new Options(10, 24, false, false, 1.0, true, false, 0.1, 25);
        }

        /**
         * The good group auto gives multi-objective studies: the best 15 %, at most 50. A front is a surface, not
         * a point, and a larger good group covers more of it: on DTLZ2 with three objectives (and with two) the
         * hypervolume after 100, 200 and 500 trials rises clearly above Optuna's γ (docs/benchmarks.md).
         */
        public Options forFronts() {
            return withGamma(0.15, 50);
        }

        public Options withMultivariate(boolean value) {
            return new Options(
                    startupTrials,
                    candidates,
                    value,
                    constantLiar,
                    priorWeight,
                    magicClip,
                    considerEndpoints,
                    gammaFraction,
                    gammaCap);
        }

        public Options withConstantLiar(boolean value) {
            return new Options(
                    startupTrials,
                    candidates,
                    multivariate,
                    value,
                    priorWeight,
                    magicClip,
                    considerEndpoints,
                    gammaFraction,
                    gammaCap);
        }

        public Options withStartupTrials(int value) {
            return new Options(
                    value,
                    candidates,
                    multivariate,
                    constantLiar,
                    priorWeight,
                    magicClip,
                    considerEndpoints,
                    gammaFraction,
                    gammaCap);
        }

        public Options withCandidates(int value) {
            return new Options(
                    startupTrials,
                    value,
                    multivariate,
                    constantLiar,
                    priorWeight,
                    magicClip,
                    considerEndpoints,
                    gammaFraction,
                    gammaCap);
        }

        public Options withPriorWeight(double value) {
            return new Options(
                    startupTrials,
                    candidates,
                    multivariate,
                    constantLiar,
                    value,
                    magicClip,
                    considerEndpoints,
                    gammaFraction,
                    gammaCap);
        }

        public Options withGamma(double fraction, int cap) {
            return new Options(
                    startupTrials,
                    candidates,
                    multivariate,
                    constantLiar,
                    priorWeight,
                    magicClip,
                    considerEndpoints,
                    fraction,
                    cap);
        }

        /** The size of the good group among {@code n} finished trials. */
        int gamma(int n) {
            return Math.min((int) Math.ceil(gammaFraction * n), gammaCap);
        }
    }

    private final long seed;
    private final Options options;
    private final RandomSampler startup;
    /**
     * Per variable name, the last ask's order of its observations: the next ask derives its own from it
     * (see {@link ObservationOrder}, which gives what sorting afresh gives whatever it is handed), so the
     * answer never depends on what was asked before. Entries are immutable; concurrent asks may replace each
     * other's, which costs a sort at most.
     */
    private final Map<String, ObservationOrder> orders = new ConcurrentHashMap<>();

    public TpeSampler(long seed, Options options) {
        this.seed = seed;
        this.options = options;
        this.startup = new RandomSampler(seed);
    }

    public TpeSampler(long seed) {
        this(seed, Options.defaults());
    }

    @Override
    public String name() {
        return "tpe";
    }

    public Options options() {
        return options;
    }

    /** Optuna's γ: the best 10 %, at most 25. */
    static int gamma(int n) {
        return Options.defaults().gamma(n);
    }

    /** Optuna's weights, oldest first: equal below 25 observations, else a ramp up to the newest 25. */
    static double[] weights(int n) {
        double[] w = new double[n];
        if (n < 25) {
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
        int ramp = n - 25;
        for (int i = 0; i < ramp; i++) {
            w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
        }
        for (int i = ramp; i < n; i++) {
            w[i] = 1.0;
        }
        return w;
    }

    @Override
    public Suggestion suggest(StudyHistory history, long number) {
        List<Trial> considered = new ArrayList<>(history.trials().size());
        int finished = 0;
        for (Trial trial : history.trials()) {
            TrialState state = trial.state();
            if (state == TrialState.COMPLETE || state == TrialState.PRUNED) {
                finished++;
                considered.add(trial);
            } else if (options.constantLiar() && state == TrialState.RUNNING) {
                considered.add(trial);
            }
        }
        if (finished < options.startupTrials() || finished == 0) {
            return startup.suggest(history, number);
        }
        TrialSplit split = TrialSplit.of(history, considered, options.gamma(finished));
        SplittableRandom random = new SplittableRandom(RandomSampler.mix(seed, number));
        SearchSpace space = history.space();
        Observations observations = new Observations(space, split);
        Map<String, Object> chosen = new LinkedHashMap<>();
        List<Variable> joint = new ArrayList<>();
        if (options.multivariate()) {
            for (Variable variable : space.variables()) {
                if (variable.condition().isEmpty() && !(variable instanceof FixedVariable)) {
                    joint.add(variable);
                }
            }
            if (joint.size() > 1) {
                sampleTogether(joint, observations, split, random.split(), chosen);
            } else {
                joint.clear();
            }
        }
        for (Variable variable : space.variables()) {
            SplittableRandom own = random.split(); // one stream per variable, drawn or not
            if (joint.contains(variable) || !space.isActive(variable, chosen)) {
                continue;
            }
            if (variable instanceof FixedVariable fixed) {
                chosen.put(variable.name(), fixed.value());
                continue;
            }
            sampleTogether(List.of(variable), observations, split, own, chosen);
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (Variable variable : space.variables()) {
            if (chosen.containsKey(variable.name())) {
                ordered.put(variable.name(), chosen.get(variable.name()));
            }
        }
        return Suggestion.of(ordered);
    }

    private void sampleTogether(
            List<Variable> variables,
            Observations observations,
            TrialSplit split,
            SplittableRandom random,
            Map<String, Object> chosen) {
        TpeDimension[] dimensions = new TpeDimension[variables.size()];
        double[][] columns = new double[variables.size()][];
        for (int j = 0; j < dimensions.length; j++) {
            dimensions[j] = observations.dimension(variables.get(j));
            columns[j] = observations.column(variables.get(j));
        }
        int belowCount = split.below().size();
        ParzenEstimator good = estimator(observations, dimensions, columns, 0, belowCount, split.belowWeights(), false);
        // one numeric variable: its kernels' widths come from its observations' order, kept across asks
        boolean ordered = dimensions.length == 1 && dimensions[0].kind != TpeDimension.Kind.CATEGORICAL;
        ParzenEstimator bad =
                estimator(observations, dimensions, columns, belowCount, columns[0].length, null, ordered);
        double[][] candidates = good.sample(random, options.candidates());
        double[] logGood = good.logDensity(candidates);
        int best = certainBest(logGood, bad.logDensityBounds(candidates), candidates);
        if (best < 0) {
            double[] logBad = bad.logDensity(candidates);
            best = 0;
            for (int c = 1; c < candidates.length; c++) {
                if (logGood[c] - logBad[c] > logGood[best] - logBad[best]) {
                    best = c;
                }
            }
        }
        for (int j = 0; j < dimensions.length; j++) {
            chosen.put(variables.get(j).name(), dimensions[j].value(candidates[best][j]));
        }
    }

    /**
     * The candidate with the largest log l(x) - log g(x), the first of equals, when bounds on log g decide it
     * (every other candidate's best case below this one's worst, or equal to it and later); -1 when they do not
     * (no bounds, or a near tie), and the densities decide.
     */
    static int certainBest(double[] logGood, double[][] logBadBounds, double[][] candidates) {
        if (logBadBounds == null) {
            return -1;
        }
        double[] lower = logBadBounds[0];
        double[] upper = logBadBounds[1];
        int best = 0;
        for (int c = 1; c < candidates.length; c++) {
            if (logGood[c] - upper[c] > logGood[best] - upper[best]) {
                best = c;
            }
        }
        double worstCase = logGood[best] - upper[best];
        for (int c = 0; c < candidates.length; c++) {
            if (c == best || (c > best && Arrays.equals(candidates[c], candidates[best]))) {
                continue; // the same point has the same densities: the first of them wins
            }
            double bestCase = logGood[c] - lower[c];
            if (c < best ? !(bestCase < worstCase) : !(bestCase <= worstCase)) {
                return -1;
            }
        }
        return best;
    }

    /**
     * An estimator over the trials {@code from} to {@code to} (of the split's good ones, then the rest) that
     * have every one of the dimensions' variables.
     */
    private ParzenEstimator estimator(
            Observations observations,
            TpeDimension[] dimensions,
            double[][] columns,
            int from,
            int to,
            double[] givenWeights,
            boolean ordered) {
        int[] rows = new int[to - from];
        int count = 0;
        for (int t = from; t < to; t++) {
            boolean complete = true;
            for (int j = 0; j < columns.length && complete; j++) {
                complete = !Double.isNaN(columns[j][t]);
            }
            if (complete) {
                rows[count++] = t;
            }
        }
        double[][] observed = new double[dimensions.length][count];
        for (int j = 0; j < dimensions.length; j++) {
            for (int i = 0; i < count; i++) {
                observed[j][i] = columns[j][rows[i]];
            }
        }
        double[] weights;
        if (givenWeights == null) {
            weights = observations.weights(count);
        } else {
            weights = new double[count];
            for (int i = 0; i < count; i++) {
                weights[i] = givenWeights[rows[i] - from];
            }
        }
        int[] order = ordered ? observations.order(dimensions[0], columns[0], rows, count, orders) : null;
        if (order != null) {
            return ParzenEstimator.ofColumn(
                    dimensions[0],
                    observed[0],
                    order,
                    weights,
                    options.priorWeight(),
                    options.magicClip(),
                    options.considerEndpoints());
        }
        return ParzenEstimator.ofColumns(
                dimensions,
                observed,
                weights,
                options.priorWeight(),
                options.multivariate() && dimensions.length > 1,
                options.magicClip(),
                options.considerEndpoints());
    }

    /**
     * Every variable's observations in its dimension's coordinates, for the split's good trials then the rest
     * (NaN where a trial lacks the variable or has a value it does not admit), read in one pass over the
     * trials' parameters.
     */
    static final class Observations {

        private final Map<String, Integer> index = new HashMap<>();
        private final TpeDimension[] dimensions;
        private final double[][] columns;
        /** Per position (the split's good trials, then the rest): the trial's number. */
        private final long[] numbers;

        private final int[] byNumber;
        private final Map<Integer, double[]> weights = new HashMap<>();

        Observations(SearchSpace space, TrialSplit split) {
            List<TpeDimension> learned = new ArrayList<>();
            for (Variable variable : space.variables()) {
                TpeDimension dimension = TpeDimension.of(variable);
                if (dimension != null) {
                    index.put(variable.name(), learned.size());
                    learned.add(dimension);
                }
            }
            dimensions = learned.toArray(new TpeDimension[0]);
            int n = split.below().size() + split.above().size();
            columns = new double[dimensions.length][n];
            numbers = new long[n];
            int t = 0;
            for (List<Trial> part : List.of(split.below(), split.above())) {
                for (Trial trial : part) {
                    Map<String, Object> parameters = trial.parameters();
                    for (int j = 0; j < dimensions.length; j++) {
                        columns[j][t] = dimensions[j].internalIfAdmitted(parameters.get(dimensions[j].variable.name()));
                    }
                    numbers[t] = trial.number();
                    t++;
                }
            }
            byNumber = byNumber(split.below().size());
        }

        /** The positions by trial number (each part is in number order), or null if numbers repeat. */
        private int[] byNumber(int belowCount) {
            int n = numbers.length;
            int[] merged = new int[n];
            int below = 0;
            int above = belowCount;
            for (int i = 0; i < n; i++) {
                boolean fromBelow = below < belowCount && (above == n || numbers[below] < numbers[above]);
                merged[i] = fromBelow ? below++ : above++;
                if (i > 0 && numbers[merged[i - 1]] >= numbers[merged[i]]) {
                    return null;
                }
            }
            return merged;
        }

        /**
         * An estimator's observations ({@code rows}: positions that have the variable, {@code count} of them)
         * by value, ties by row, read off the order of all trials' observations of the variable, which is
         * derived from the last ask's ({@code orders}); null if trial numbers repeat.
         */
        int[] order(
                TpeDimension dimension, double[] column, int[] rows, int count, Map<String, ObservationOrder> orders) {
            if (byNumber == null) {
                return null;
            }
            int n = column.length;
            int[] positions = new int[n];
            long[] trialNumbers = new long[n];
            long[] keys = new long[n];
            int m = 0;
            for (int position : byNumber) {
                if (!Double.isNaN(column[position])) {
                    positions[m] = position;
                    trialNumbers[m] = numbers[position];
                    keys[m] = SortOrder.sortKey(column[position]);
                    m++;
                }
            }
            String name = dimension.variable.name();
            ObservationOrder all =
                    ObservationOrder.of(orders.get(name), Arrays.copyOf(trialNumbers, m), Arrays.copyOf(keys, m));
            orders.put(name, all);
            int[] rowOf = new int[n];
            Arrays.fill(rowOf, -1);
            for (int r = 0; r < count; r++) {
                rowOf[rows[r]] = r;
            }
            int[] order = new int[count];
            int next = 0;
            for (int index : all.order()) {
                int row = rowOf[positions[index]];
                if (row >= 0) {
                    order[next++] = row;
                }
            }
            return order;
        }

        /** {@link TpeSampler#weights}, computed once per count (estimators copy them). */
        double[] weights(int count) {
            return weights.computeIfAbsent(count, TpeSampler::weights);
        }

        TpeDimension dimension(Variable variable) {
            return dimensions[index.get(variable.name())];
        }

        double[] column(Variable variable) {
            return columns[index.get(variable.name())];
        }
    }

    /** The good trials and the rest, each in trial-number order, and the good ones' weights. */
    record TrialSplit(List<Trial> below, List<Trial> above, double[] belowWeights) {

        static TrialSplit of(StudyHistory history, List<Trial> considered, int belowCount) {
            if (!history.multiObjective() && inNumberOrder(considered)) {
                TrialSplit split = bestComplete(history, considered, belowCount);
                if (split != null) {
                    return split;
                }
            }
            return sorted(history, considered, belowCount);
        }

        private static boolean inNumberOrder(List<Trial> trials) {
            for (int i = 1; i < trials.size(); i++) {
                if (trials.get(i - 1).number() >= trials.get(i).number()) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The split when the good ones are all complete and feasible (one objective, trials in number order, as a
         * study's history is): the {@code belowCount} smallest losses, ties to the older, picked in one pass without
         * sorting the rest; null when there are not enough of them.
         */
        private static TrialSplit bestComplete(StudyHistory history, List<Trial> considered, int belowCount) {
            Direction direction = history.direction();
            int cap = Math.max(belowCount, 0);
            double[] bestLoss = new double[cap];
            int[] bestAt = new int[cap];
            int kept = 0;
            int eligible = 0;
            for (int i = 0; i < considered.size(); i++) {
                Trial trial = considered.get(i);
                if (trial.state() != TrialState.COMPLETE || !trial.feasible()) {
                    continue;
                }
                eligible++;
                if (cap == 0) {
                    continue;
                }
                double loss = direction.loss(trial.value());
                if (kept == cap && Double.compare(loss, bestLoss[kept - 1]) >= 0) {
                    continue;
                }
                int at = kept == cap ? kept - 1 : kept++;
                while (at > 0 && Double.compare(bestLoss[at - 1], loss) > 0) {
                    bestLoss[at] = bestLoss[at - 1];
                    bestAt[at] = bestAt[at - 1];
                    at--;
                }
                bestLoss[at] = loss;
                bestAt[at] = i;
            }
            if (eligible < belowCount) {
                return null;
            }
            int[] positions = Arrays.copyOf(bestAt, kept);
            Arrays.sort(positions);
            List<Trial> below = new ArrayList<>(kept);
            List<Trial> above = new ArrayList<>(considered.size() - kept);
            int next = 0;
            for (int i = 0; i < considered.size(); i++) {
                if (next < kept && positions[next] == i) {
                    below.add(considered.get(i));
                    next++;
                } else {
                    above.add(considered.get(i));
                }
            }
            return new TrialSplit(below, above, null);
        }

        /** The split by sorting every considered trial: multi-objective, or fewer complete trials than the cut. */
        private static TrialSplit sorted(StudyHistory history, List<Trial> considered, int belowCount) {
            List<Trial> running = new ArrayList<>();
            List<Trial> complete = new ArrayList<>();
            List<Trial> pruned = new ArrayList<>();
            List<Trial> infeasible = new ArrayList<>();
            for (Trial trial : considered) {
                if (trial.state() == TrialState.RUNNING) {
                    running.add(trial);
                } else if (!trial.feasible()) {
                    infeasible.add(trial);
                } else if (trial.state() == TrialState.COMPLETE) {
                    complete.add(trial);
                } else {
                    pruned.add(trial);
                }
            }
            List<Trial> ordered = new ArrayList<>();
            double[] belowWeights = null;
            if (history.multiObjective()) {
                MultiObjectiveSplit mo = MultiObjectiveSplit.of(history, complete, belowCount);
                ordered.addAll(mo.ordered());
                belowWeights = mo.belowWeights();
            } else {
                complete.sort(Comparator.comparingDouble(history::loss));
                ordered.addAll(complete);
            }
            pruned.sort(Comparator.<Trial>comparingLong(t ->
                            t.intermediates().isEmpty() ? 1 : -t.intermediates().lastKey())
                    .thenComparingDouble(t -> t.lastIntermediate()
                            .map(v -> history.directions().get(0).loss(v))
                            .orElse(0.0)));
            ordered.addAll(pruned);
            infeasible.sort(Comparator.comparingDouble(Trial::violation));
            ordered.addAll(infeasible);
            int cut = Math.min(belowCount, ordered.size());
            List<Trial> below = new ArrayList<>(ordered.subList(0, cut));
            List<Trial> above = new ArrayList<>(ordered.subList(cut, ordered.size()));
            above.addAll(running);
            below.sort(Comparator.comparingLong(Trial::number));
            above.sort(Comparator.comparingLong(Trial::number));
            double[] weights = null;
            if (belowWeights != null && cut == belowWeights.length) {
                weights = new double[below.size()];
                List<Trial> moBelow = ordered.subList(0, cut);
                for (int i = 0; i < below.size(); i++) {
                    weights[i] = belowWeights[moBelow.indexOf(below.get(i))];
                }
            }
            return new TrialSplit(below, above, weights);
        }
    }
}
