package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Suggestion;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.variables.entity.FixedVariable;
import io.mabeam.variables.entity.SearchSpace;
import io.mabeam.variables.entity.Variable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The TPE sampler as it was before its ask was made faster (commit e83f4c0), frozen: suggestions of the
 * current {@link TpeSampler} are compared with it. Not to be changed.
 */
final class ReferenceTpeSampler implements Sampler {

    private final long seed;
    private final TpeSampler.Options options;
    private final RandomSampler startup;

    ReferenceTpeSampler(long seed, TpeSampler.Options options) {
        this.seed = seed;
        this.options = options;
        this.startup = new RandomSampler(seed);
    }

    ReferenceTpeSampler(long seed) {
        this(seed, TpeSampler.Options.defaults());
    }

    @Override
    public String name() {
        return "tpe";
    }

    public TpeSampler.Options options() {
        return options;
    }

    /** Optuna's γ: the best 10 %, at most 25. */
    static int gamma(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
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
        long finished = history.trials().stream()
                .filter(t -> t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED)
                .count();
        if (finished < options.startupTrials() || finished == 0) {
            return startup.suggest(history, number);
        }
        List<Trial> considered = history.trials().stream()
                .filter(t -> t.state() == TrialState.COMPLETE
                        || t.state() == TrialState.PRUNED
                        || (options.constantLiar() && t.state() == TrialState.RUNNING))
                .toList();
        TrialSplit split = TrialSplit.of(history, considered, gamma((int) finished));
        SplittableRandom random = new SplittableRandom(RandomSampler.mix(seed, number));
        SearchSpace space = history.space();
        Map<String, Object> chosen = new LinkedHashMap<>();
        List<Variable> joint = new ArrayList<>();
        if (options.multivariate()) {
            for (Variable variable : space.variables()) {
                if (variable.condition().isEmpty() && !(variable instanceof FixedVariable)) {
                    joint.add(variable);
                }
            }
            if (joint.size() > 1) {
                sampleTogether(joint, split, random.split(), chosen);
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
            sampleTogether(List.of(variable), split, own, chosen);
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
            List<Variable> variables, TrialSplit split, SplittableRandom random, Map<String, Object> chosen) {
        TpeDimension[] dimensions = variables.stream().map(TpeDimension::of).toArray(TpeDimension[]::new);
        ReferenceParzenEstimator good = estimator(dimensions, split.below(), split.belowWeights());
        ReferenceParzenEstimator bad = estimator(dimensions, split.above(), null);
        double[][] candidates = good.sample(random, options.candidates());
        double[] logGood = good.logDensity(candidates);
        double[] logBad = bad.logDensity(candidates);
        int best = 0;
        for (int c = 1; c < candidates.length; c++) {
            if (logGood[c] - logBad[c] > logGood[best] - logBad[best]) {
                best = c;
            }
        }
        for (int j = 0; j < dimensions.length; j++) {
            chosen.put(variables.get(j).name(), dimensions[j].value(candidates[best][j]));
        }
    }

    /** An estimator over the trials that have every one of the dimensions' variables. */
    private ReferenceParzenEstimator estimator(TpeDimension[] dimensions, List<Trial> trials, double[] givenWeights) {
        List<double[]> rows = new ArrayList<>();
        List<Double> rowWeights = new ArrayList<>();
        for (int t = 0; t < trials.size(); t++) {
            Map<String, Object> parameters = trials.get(t).parameters();
            double[] row = new double[dimensions.length];
            boolean complete = true;
            for (int j = 0; j < dimensions.length && complete; j++) {
                Object value = parameters.get(dimensions[j].variable.name());
                if (value == null || !dimensions[j].variable.admits(value)) {
                    complete = false;
                } else {
                    row[j] = dimensions[j].internal(value);
                }
            }
            if (complete) {
                rows.add(row);
                rowWeights.add(givenWeights == null ? Double.NaN : givenWeights[t]);
            }
        }
        double[] weights;
        if (givenWeights == null) {
            weights = weights(rows.size());
        } else {
            weights = rowWeights.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return new ReferenceParzenEstimator(
                dimensions,
                rows.toArray(new double[0][]),
                weights,
                options.priorWeight(),
                options.multivariate() && dimensions.length > 1,
                options.magicClip(),
                options.considerEndpoints());
    }

    /** The good trials and the rest, each in trial-number order, and the good ones' weights. */
    record TrialSplit(List<Trial> below, List<Trial> above, double[] belowWeights) {

        static TrialSplit of(StudyHistory history, List<Trial> considered, int belowCount) {
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
