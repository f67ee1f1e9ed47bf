package io.mabeam.optimization.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The functional ANOVA of one regression tree (Hutter, Hoos and Leyton-Brown 2014): how much of the
 * variance of the tree's prediction over the whole space each single feature explains on its own.
 *
 * <p>The space is the product of the features' domains with a uniform measure: [0, 1] for a numeric feature
 * (its unit scale, see {@link io.mabeam.variables.control.UnitScale}), and the k choices, each of weight
 * 1/k, for a categorical one. A tree cuts this space into boxes, one a leaf, on which its prediction is
 * constant. The tree's total variance is the variance of the leaf values weighted by their boxes' volumes.
 * The marginal prediction of feature j at a value v is the average prediction over every other feature:
 * the leaves whose box holds v on j, each weighted by its box's volume in the other features. It is
 * piecewise constant between the tree's thresholds on j (or a constant per choice), so its variance over
 * j's domain is an exact finite sum. The fraction is that variance over the total: 0 when the feature
 * matters only through interactions or not at all, 1 when the tree is a function of it alone.
 *
 * <p>This is what Optuna's {@code _FanovaTree} computes for a single feature, with one difference: Optuna
 * one-hot encodes a categorical and integrates over every 0/1 vector of its columns, impossible ones (no
 * choice, two choices) included; here a categorical's domain is its choices and nothing else.
 */
final class FunctionalAnova {

    private final RandomForestRegressor.Tree tree;
    private final int features;
    /** The leaves' node numbers. */
    private final List<Integer> leaves = new ArrayList<>();
    /** Per leaf, its box: an interval [low, high] per numeric feature, a set of choices per categorical. */
    private final List<double[]> leafLow = new ArrayList<>();

    private final List<double[]> leafHigh = new ArrayList<>();
    private final List<boolean[][]> leafChoices = new ArrayList<>();
    /** Per leaf, the share of each feature's domain its box covers. */
    private final List<double[]> leafShares = new ArrayList<>();

    private FunctionalAnova(RandomForestRegressor.Tree tree) {
        this.tree = tree;
        this.features = tree.featureCount();
    }

    /**
     * Per feature, the share of the tree's prediction variance it explains alone, each in [0, 1]; all 0 when
     * the tree predicts a constant.
     */
    static double[] varianceFractions(RandomForestRegressor.Tree tree) {
        return new FunctionalAnova(tree).fractions();
    }

    private double[] fractions() {
        double[] low = new double[features];
        double[] high = new double[features];
        boolean[][] allowed = new boolean[features][];
        for (int f = 0; f < features; f++) {
            high[f] = 1;
            if (tree.choiceCount(f) > 0) {
                allowed[f] = new boolean[tree.choiceCount(f)];
                Arrays.fill(allowed[f], true);
            }
        }
        describeLeaves(0, low, high, allowed);

        double mean = 0;
        for (int leaf = 0; leaf < leaves.size(); leaf++) {
            mean += volume(leafShares.get(leaf), -1) * value(leaf);
        }
        double totalVariance = 0;
        for (int leaf = 0; leaf < leaves.size(); leaf++) {
            double deviation = value(leaf) - mean;
            totalVariance += volume(leafShares.get(leaf), -1) * deviation * deviation;
        }
        double[] fractions = new double[features];
        if (!(totalVariance > 0)) {
            return fractions;
        }
        for (int f = 0; f < features; f++) {
            double marginalVariance =
                    tree.choiceCount(f) > 0 ? categoricalMarginalVariance(f) : numericMarginalVariance(f);
            fractions[f] = Math.min(1, marginalVariance / totalVariance);
        }
        return fractions;
    }

    private double value(int leaf) {
        return tree.value(leaves.get(leaf));
    }

    /** Walks the tree narrowing the box, and records each leaf's box and share of every feature's domain. */
    private void describeLeaves(int node, double[] low, double[] high, boolean[][] allowed) {
        if (tree.isLeaf(node)) {
            double[] shares = new double[features];
            for (int f = 0; f < features; f++) {
                shares[f] = allowed[f] == null ? high[f] - low[f] : (double) countTrue(allowed[f]) / allowed[f].length;
            }
            leaves.add(node);
            leafLow.add(low.clone());
            leafHigh.add(high.clone());
            leafChoices.add(allowed.clone());
            leafShares.add(shares);
            return;
        }
        int f = tree.splitFeature(node);
        if (allowed[f] == null) {
            double t = clampedThreshold(node);
            double wasHigh = high[f];
            high[f] = Math.max(low[f], Math.min(wasHigh, t));
            describeLeaves(tree.left(node), low, high, allowed);
            high[f] = wasHigh;
            double wasLow = low[f];
            low[f] = Math.min(high[f], Math.max(wasLow, t));
            describeLeaves(tree.right(node), low, high, allowed);
            low[f] = wasLow;
        } else {
            boolean[] was = allowed[f];
            boolean[] leftChoices = new boolean[was.length];
            boolean[] rightChoices = new boolean[was.length];
            for (int c = 0; c < was.length; c++) {
                boolean left = tree.goesLeft(node, c);
                leftChoices[c] = was[c] && left;
                rightChoices[c] = was[c] && !left;
            }
            allowed[f] = leftChoices;
            describeLeaves(tree.left(node), low, high, allowed);
            allowed[f] = rightChoices;
            describeLeaves(tree.right(node), low, high, allowed);
            allowed[f] = was;
        }
    }

    private double clampedThreshold(int node) {
        return Math.min(1, Math.max(0, tree.threshold(node)));
    }

    /**
     * The variance over [0, 1] of the tree's prediction averaged over the other features, for numeric f.
     * Between consecutive thresholds on f (and the bounds 0 and 1) the same leaves hold, so the marginal is
     * constant on each such cell; a leaf adds its value, weighted by its volume in the other features, to
     * each cell its interval on f covers (a running sum of start and end marks).
     */
    private double numericMarginalVariance(int f) {
        double[] bounds = cellBounds(f);
        int cells = bounds.length - 1;
        double[] weightedValueChange = new double[cells + 1];
        double[] weightChange = new double[cells + 1];
        for (int leaf = 0; leaf < leaves.size(); leaf++) {
            int first = boundIndex(bounds, leafLow.get(leaf)[f]);
            int end = boundIndex(bounds, leafHigh.get(leaf)[f]);
            double weight = volume(leafShares.get(leaf), f);
            weightedValueChange[first] += weight * value(leaf);
            weightedValueChange[end] -= weight * value(leaf);
            weightChange[first] += weight;
            weightChange[end] -= weight;
        }
        double[] cellWeights = new double[cells];
        double[] marginal = new double[cells];
        double weightedValue = 0;
        double weight = 0;
        for (int cell = 0; cell < cells; cell++) {
            weightedValue += weightedValueChange[cell];
            weight += weightChange[cell];
            cellWeights[cell] = bounds[cell + 1] - bounds[cell];
            marginal[cell] = weightedValue / weight;
        }
        return weightedVariance(marginal, cellWeights);
    }

    /** The variance over the choices, each of weight 1/k, of the prediction averaged over the other features. */
    private double categoricalMarginalVariance(int f) {
        int choices = tree.choiceCount(f);
        double[] weightedValues = new double[choices];
        double[] weights = new double[choices];
        for (int leaf = 0; leaf < leaves.size(); leaf++) {
            boolean[] allowed = leafChoices.get(leaf)[f];
            double weight = volume(leafShares.get(leaf), f);
            for (int c = 0; c < choices; c++) {
                if (allowed[c]) {
                    weightedValues[c] += weight * value(leaf);
                    weights[c] += weight;
                }
            }
        }
        double[] marginal = new double[choices];
        double[] choiceWeights = new double[choices];
        for (int c = 0; c < choices; c++) {
            marginal[c] = weightedValues[c] / weights[c];
            choiceWeights[c] = 1.0 / choices;
        }
        return weightedVariance(marginal, choiceWeights);
    }

    /**
     * The variance of {@code values} under {@code weights}, leaving out any value that is not a number (a
     * cell only boxes of no volume reach: there is nothing to average there).
     */
    private static double weightedVariance(double[] values, double[] weights) {
        double total = 0;
        double mean = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i]) && weights[i] > 0) {
                total += weights[i];
                mean += weights[i] * values[i];
            }
        }
        if (!(total > 0)) {
            return 0;
        }
        mean /= total;
        double variance = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i]) && weights[i] > 0) {
                double deviation = values[i] - mean;
                variance += weights[i] * deviation * deviation;
            }
        }
        return variance / total;
    }

    /** 0, the distinct thresholds on numeric feature f in increasing order, 1. */
    private double[] cellBounds(int f) {
        double[] thresholds = new double[tree.nodeCount()];
        int count = 0;
        for (int node = 0; node < tree.nodeCount(); node++) {
            if (!tree.isLeaf(node) && tree.splitFeature(node) == f) {
                thresholds[count++] = clampedThreshold(node);
            }
        }
        double[] sorted = Arrays.copyOf(thresholds, count);
        Arrays.sort(sorted);
        double[] bounds = new double[count + 2];
        int size = 0;
        bounds[size++] = 0;
        for (double t : sorted) {
            if (t > bounds[size - 1]) {
                bounds[size++] = t;
            }
        }
        if (bounds[size - 1] < 1) {
            bounds[size++] = 1;
        }
        return Arrays.copyOf(bounds, size);
    }

    /** Where a box's end (0, 1 or a threshold: always one of the bounds) is among the bounds. */
    private static int boundIndex(double[] bounds, double end) {
        int index = Arrays.binarySearch(bounds, end);
        return index >= 0 ? index : Math.min(bounds.length - 1, -index - 1);
    }

    /** The product of the shares, leaving out feature {@code except} (-1: none). */
    private static double volume(double[] shares, int except) {
        double product = 1;
        for (int f = 0; f < shares.length; f++) {
            if (f != except) {
                product *= shares[f];
            }
        }
        return product;
    }

    private static int countTrue(boolean[] flags) {
        int count = 0;
        for (boolean flag : flags) {
            if (flag) {
                count++;
            }
        }
        return count;
    }
}
