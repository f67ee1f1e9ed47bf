package io.mabeam.optimization.control;

import java.util.Arrays;

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
    /** Per node, the share of each feature's domain its box covers (leaves only; null elsewhere). */
    private final double[][] leafShares;

    private FunctionalAnova(RandomForestRegressor.Tree tree) {
        this.tree = tree;
        this.features = tree.featureCount();
        this.leafShares = new double[tree.nodeCount()][];
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
        for (int node = 0; node < leafShares.length; node++) {
            if (leafShares[node] != null) {
                mean += volume(leafShares[node], -1) * tree.value(node);
            }
        }
        double totalVariance = 0;
        for (int node = 0; node < leafShares.length; node++) {
            if (leafShares[node] != null) {
                double deviation = tree.value(node) - mean;
                totalVariance += volume(leafShares[node], -1) * deviation * deviation;
            }
        }
        double[] fractions = new double[features];
        if (!(totalVariance > 0)) {
            return fractions;
        }
        for (int f = 0; f < features; f++) {
            fractions[f] = Math.min(1, marginalVariance(f) / totalVariance);
        }
        return fractions;
    }

    /** Walks the tree narrowing the box, and records each leaf's share of every feature's domain. */
    private void describeLeaves(int node, double[] low, double[] high, boolean[][] allowed) {
        if (tree.isLeaf(node)) {
            double[] shares = new double[features];
            for (int f = 0; f < features; f++) {
                shares[f] = allowed[f] == null ? high[f] - low[f] : (double) countTrue(allowed[f]) / allowed[f].length;
            }
            leafShares[node] = shares;
            return;
        }
        int f = tree.splitFeature(node);
        if (allowed[f] == null) {
            double t = tree.threshold(node);
            double wasHigh = high[f];
            high[f] = Math.min(wasHigh, t);
            describeLeaves(tree.left(node), low, high, allowed);
            high[f] = wasHigh;
            double wasLow = low[f];
            low[f] = Math.max(wasLow, t);
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

    /**
     * The variance, over feature f's domain, of the tree's prediction averaged over all other features.
     * Numeric: one cell between consecutive thresholds on f (and the bounds 0 and 1), weighted by its width;
     * categorical: one cell a choice, weighted 1/k.
     */
    private double marginalVariance(int f) {
        double[] cellWeights;
        double[] cellPoints;
        if (tree.choiceCount(f) > 0) {
            int choices = tree.choiceCount(f);
            cellWeights = new double[choices];
            cellPoints = new double[choices];
            for (int c = 0; c < choices; c++) {
                cellWeights[c] = 1.0 / choices;
                cellPoints[c] = c;
            }
        } else {
            double[] bounds = cellBounds(f);
            cellWeights = new double[bounds.length - 1];
            cellPoints = new double[bounds.length - 1];
            for (int i = 0; i < cellWeights.length; i++) {
                cellWeights[i] = bounds[i + 1] - bounds[i];
                cellPoints[i] = (bounds[i] + bounds[i + 1]) / 2;
            }
        }
        double[] marginal = new double[cellPoints.length];
        double totalWeight = 0;
        double mean = 0;
        for (int i = 0; i < cellPoints.length; i++) {
            if (cellWeights[i] > 0) {
                double[] weightedSumAndWeight = new double[2];
                accumulateMarginal(0, f, cellPoints[i], weightedSumAndWeight);
                if (weightedSumAndWeight[1] > 0) {
                    marginal[i] = weightedSumAndWeight[0] / weightedSumAndWeight[1];
                } else {
                    cellWeights[i] = 0; // only boxes of no volume there: nothing to average
                }
                totalWeight += cellWeights[i];
                mean += cellWeights[i] * marginal[i];
            }
        }
        if (!(totalWeight > 0)) {
            return 0;
        }
        mean /= totalWeight;
        double variance = 0;
        for (int i = 0; i < cellPoints.length; i++) {
            double deviation = marginal[i] - mean;
            variance += cellWeights[i] * deviation * deviation;
        }
        return variance / totalWeight;
    }

    /** 0, the distinct thresholds on numeric feature f in increasing order, 1. */
    private double[] cellBounds(int f) {
        double[] thresholds = new double[tree.nodeCount()];
        int count = 0;
        for (int node = 0; node < tree.nodeCount(); node++) {
            if (!tree.isLeaf(node) && tree.splitFeature(node) == f) {
                thresholds[count++] = Math.min(1, Math.max(0, tree.threshold(node)));
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

    /**
     * Adds, for every leaf whose box holds {@code point} on feature f, its value times its volume in the
     * other features, and that volume.
     */
    private void accumulateMarginal(int node, int f, double point, double[] weightedSumAndWeight) {
        if (tree.isLeaf(node)) {
            double weight = volume(leafShares[node], f);
            weightedSumAndWeight[0] += weight * tree.value(node);
            weightedSumAndWeight[1] += weight;
            return;
        }
        if (tree.splitFeature(node) == f) {
            int next = tree.goesLeft(node, point) ? tree.left(node) : tree.right(node);
            accumulateMarginal(next, f, point, weightedSumAndWeight);
        } else {
            accumulateMarginal(tree.left(node), f, point, weightedSumAndWeight);
            accumulateMarginal(tree.right(node), f, point, weightedSumAndWeight);
        }
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
