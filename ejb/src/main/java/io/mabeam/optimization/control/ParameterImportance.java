package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.variables.control.UnitScale;
import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.FixedVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.Variable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much each variable of a study matters to one objective: Optuna 4.9's default importance evaluator
 * ({@code FanovaImportanceEvaluator}), that is fANOVA (Hutter, Hoos and Leyton-Brown 2014) on a random forest
 * of 64 trees (depth at most 64, split down to one trial a leaf, every variable considered at each split).
 *
 * <p>The forest learns the objective from the trials; each tree's {@link FunctionalAnova functional ANOVA}
 * gives the share of its prediction variance each variable explains alone; a variable's importance is its
 * mean share over the trees, the importances then scaled to sum to 1. Interactions are nobody's: a variable
 * that matters only with another gets little.
 *
 * <p>What is assessed, as Optuna does: the complete trials with a finite value of the objective (here also
 * only the feasible ones: an infeasible trial's value is not what the study is after), and the variables
 * every one of them has a value for (the intersection search space: a conditional variable sometimes
 * inactive is left out). Fixed variables are left out; a variable whose domain holds a single value is
 * answered with importance 0 without being assessed. When no variable explains any variance (a constant
 * objective, say) the assessed variables share the importance equally.
 *
 * <p>Where this differs from Optuna, on purpose:
 *
 * <ul>
 *   <li>Each variable's domain is its unit interval from {@link UnitScale}, with the uniform measure: a log
 *       variable is measured in log space, the way it is sampled, where Optuna measures the raw [low, high];
 *       integers give every value an equal share.
 *   <li>A categorical variable's domain is its choices, each of weight 1/k, and trees split it into two sets
 *       of choices; Optuna one-hot encodes it and integrates over 0/1 vectors that are no choice at all.
 * </ul>
 *
 * Importances depend on the trials and the seed only: the same history and seed give the same answer.
 */
public final class ParameterImportance {

    private ParameterImportance() {}

    /**
     * The importance of each variable to objective {@code objectiveIndex}, most important first, summing to 1
     * (empty when no variable can be assessed).
     *
     * @throws IllegalArgumentException when there is no such objective, or fewer than 2 complete feasible
     *     trials with a finite value of it
     */
    public static Map<String, Double> evaluate(StudyHistory history, int objectiveIndex, long seed) {
        return evaluate(history, objectiveIndex, seed, RandomForestRegressor.Settings.fanova());
    }

    /** As {@link #evaluate(StudyHistory, int, long)}, with another forest. */
    public static Map<String, Double> evaluate(
            StudyHistory history, int objectiveIndex, long seed, RandomForestRegressor.Settings forest) {
        if (objectiveIndex < 0 || objectiveIndex >= history.directions().size()) {
            throw new IllegalArgumentException("there is no objective " + objectiveIndex + ": the study has "
                    + history.directions().size());
        }
        List<Trial> trials = history.complete().stream()
                .filter(Trial::feasible)
                .filter(t -> t.values().size() > objectiveIndex
                        && Double.isFinite(t.values().get(objectiveIndex)))
                .toList();
        if (trials.size() < 2) {
            throw new IllegalArgumentException("parameter importance needs at least 2 complete feasible trials with a"
                    + " finite value of objective " + objectiveIndex + ", the study has " + trials.size());
        }

        List<Variable> assessed = new ArrayList<>();
        List<Variable> singleValued = new ArrayList<>();
        for (Variable variable : history.space().variables()) {
            if (variable instanceof FixedVariable || !inEveryTrial(variable, trials)) {
                continue;
            }
            (singleValued(variable) ? singleValued : assessed).add(variable);
        }
        if (assessed.isEmpty()) {
            return Map.of();
        }

        double[] importances = meanVarianceFractions(assessed, trials, objectiveIndex, seed, forest);
        double total = 0;
        for (double importance : importances) {
            total += importance;
        }
        Map<String, Double> byName = new LinkedHashMap<>();
        for (int i = 0; i < assessed.size(); i++) {
            byName.put(assessed.get(i).name(), total > 0 ? importances[i] / total : 1.0 / assessed.size());
        }
        for (Variable variable : singleValued) {
            byName.put(variable.name(), 0.0);
        }
        return mostImportantFirst(byName);
    }

    /** Fits the forest on the trials and averages each variable's share of variance over its trees. */
    private static double[] meanVarianceFractions(
            List<Variable> variables,
            List<Trial> trials,
            int objectiveIndex,
            long seed,
            RandomForestRegressor.Settings settings) {
        int[] choiceCounts = new int[variables.size()];
        for (int v = 0; v < variables.size(); v++) {
            if (variables.get(v) instanceof CategoricalVariable categorical) {
                choiceCounts[v] = categorical.choices().size();
            }
        }
        double[][] x = new double[trials.size()][variables.size()];
        double[] y = new double[trials.size()];
        for (int t = 0; t < trials.size(); t++) {
            Trial trial = trials.get(t);
            for (int v = 0; v < variables.size(); v++) {
                x[t][v] = feature(
                        variables.get(v),
                        trial.parameters().get(variables.get(v).name()));
            }
            y[t] = trial.values().get(objectiveIndex);
        }
        RandomForestRegressor forest = RandomForestRegressor.fit(x, y, choiceCounts, settings, seed);
        double[] mean = new double[variables.size()];
        for (RandomForestRegressor.Tree tree : forest.trees()) {
            double[] fractions = FunctionalAnova.varianceFractions(tree);
            for (int v = 0; v < mean.length; v++) {
                mean[v] += fractions[v] / forest.trees().size();
            }
        }
        return mean;
    }

    /** A categorical's choice index, or a number's place in its unit interval. */
    private static double feature(Variable variable, Object value) {
        if (variable instanceof CategoricalVariable categorical) {
            return categorical.indexOf(value);
        }
        return Math.min(1, Math.max(0, UnitScale.toUnit(variable, value)));
    }

    private static boolean inEveryTrial(Variable variable, List<Trial> trials) {
        for (Trial trial : trials) {
            Map<String, Object> parameters = trial.parameters();
            if (!parameters.containsKey(variable.name()) || !variable.admits(parameters.get(variable.name()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean singleValued(Variable variable) {
        if (variable instanceof FloatVariable f) {
            return f.low() == f.high();
        }
        if (variable instanceof IntVariable i) {
            return i.low() == i.high();
        }
        return variable instanceof CategoricalVariable c && c.choices().size() == 1;
    }

    /** Sorted by importance, largest first; equal ones keep their order (the space's). */
    private static Map<String, Double> mostImportantFirst(Map<String, Double> importances) {
        Map<String, Double> sorted = new LinkedHashMap<>();
        importances.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return java.util.Collections.unmodifiableMap(sorted);
    }
}
