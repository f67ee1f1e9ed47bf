package io.mabeam.optimization.control;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A weighted mixture of product kernels over one or more dimensions, one kernel per observation plus a
 * broad prior kernel: truncated normals on intervals, cell masses of truncated normals on grids, smoothed
 * one-hot distributions on choices. TPE keeps one for the good trials (l) and one for the rest (g).
 */
final class ParzenEstimator {

    private static final double SIGMA0_MAGNITUDE = 0.2;

    private final TpeDimension[] dimensions;
    private final int kernels;
    private final double[] cumulativeWeights;
    private final double[] logWeights;
    /** Per dimension, per kernel: mean and sd (numeric) or log-probabilities of each choice (categorical). */
    private final double[][] mus;

    private final double[][] sigmas;
    /** Per dimension, per kernel: log of the truncation mass (and, on intervals, of σ√(2π)). */
    private final double[][] logNormalizers;

    private final double[][][] logChoiceProbabilities;

    /**
     * @param observations one row per observation (columns: dimensions), in trial-number order (older first)
     * @param weights the observations' weights (the prior's is added)
     * @param multivariate whether kernel widths follow Scott's rule jointly (else each dimension's neighbours)
     */
    ParzenEstimator(
            TpeDimension[] dimensions,
            double[][] observations,
            double[] weights,
            double priorWeight,
            boolean multivariate,
            boolean magicClip,
            boolean considerEndpoints) {
        this.dimensions = dimensions;
        int n = observations.length;
        this.kernels = n + 1;
        double[] w = Arrays.copyOf(weights, kernels);
        w[n] = priorWeight;
        double total = Arrays.stream(w).sum();
        this.logWeights = new double[kernels];
        this.cumulativeWeights = new double[kernels];
        double running = 0;
        for (int k = 0; k < kernels; k++) {
            logWeights[k] = Math.log(w[k] / total);
            running += w[k] / total;
            cumulativeWeights[k] = running;
        }
        int d = dimensions.length;
        this.mus = new double[d][];
        this.sigmas = new double[d][];
        this.logNormalizers = new double[d][];
        this.logChoiceProbabilities = new double[d][][];
        for (int j = 0; j < d; j++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = observations[i][j];
            }
            TpeDimension dimension = dimensions[j];
            if (dimension.kind == TpeDimension.Kind.CATEGORICAL) {
                logChoiceProbabilities[j] = choiceKernels(column, dimension.choices, priorWeight);
            } else {
                numericKernels(j, column, dimension, multivariate, magicClip, considerEndpoints, priorWeight);
            }
        }
    }

    private static double[][] choiceKernels(double[] observed, int choices, double priorWeight) {
        int n = observed.length;
        double[][] logProbabilities = new double[n + 1][choices];
        double smoothing = priorWeight / (n + 1);
        for (int k = 0; k <= n; k++) {
            double[] row = new double[choices];
            Arrays.fill(row, smoothing);
            if (k < n) {
                row[(int) observed[k]] += 1;
            }
            double sum = Arrays.stream(row).sum();
            for (int c = 0; c < choices; c++) {
                logProbabilities[k][c] = Math.log(row[c] / sum);
            }
        }
        return logProbabilities;
    }

    private void numericKernels(
            int j,
            double[] observed,
            TpeDimension dimension,
            boolean multivariate,
            boolean magicClip,
            boolean considerEndpoints,
            double priorWeight) {
        int n = observed.length;
        double low = dimension.low;
        double high = dimension.high;
        double[] mu = Arrays.copyOf(observed, n + 1);
        double[] sigma = new double[n + 1];
        if (multivariate) {
            double s = SIGMA0_MAGNITUDE * Math.pow(Math.max(n, 1), -1.0 / (dimensions.length + 4)) * (high - low);
            Arrays.fill(sigma, s);
        } else if (n > 0) {
            // neighbours among the observations and the prior's centre, as Optuna sorts them
            double[] withPrior = Arrays.copyOf(observed, n + 1);
            withPrior[n] = (low + high) / 2;
            int m = n + 1;
            Integer[] order = new Integer[m];
            for (int i = 0; i < m; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(withPrior[a], withPrior[b]));
            double[] withEnds = new double[m + 2];
            withEnds[0] = low;
            withEnds[m + 1] = high;
            for (int i = 0; i < m; i++) {
                withEnds[i + 1] = withPrior[order[i]];
            }
            double[] sorted = new double[m];
            for (int i = 0; i < m; i++) {
                sorted[i] = Math.max(withEnds[i + 1] - withEnds[i], withEnds[i + 2] - withEnds[i + 1]);
            }
            if (!considerEndpoints && m >= 2) {
                sorted[0] = withEnds[2] - withEnds[1];
                sorted[m - 1] = withEnds[m] - withEnds[m - 1];
            }
            for (int i = 0; i < m; i++) {
                if (order[i] < n) {
                    sigma[order[i]] = sorted[i];
                }
            }
        }
        mu[n] = (low + high) / 2;
        sigma[n] = high - low;
        double maxSigma = high - low;
        double minSigma = magicClip ? (high - low) / Math.min(100.0, 1.0 + (n + 1)) : 1e-12;
        double[] logNormalizer = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            sigma[k] = Math.min(maxSigma, Math.max(minSigma, sigma[k]));
            double mass = Gaussian.mass((low - mu[k]) / sigma[k], (high - mu[k]) / sigma[k]);
            logNormalizer[k] = Math.log(Math.max(mass, Double.MIN_NORMAL));
            if (dimension.kind == TpeDimension.Kind.CONTINUOUS) {
                logNormalizer[k] += Math.log(sigma[k]) + 0.5 * Math.log(2 * Math.PI); // the density's own constants
            }
        }
        mus[j] = mu;
        sigmas[j] = sigma;
        logNormalizers[j] = logNormalizer;
    }

    /** Draws {@code count} points (rows: dimensions' coordinates, snapped onto grids and integers). */
    double[][] sample(SplittableRandom random, int count) {
        double[][] points = new double[count][dimensions.length];
        for (int s = 0; s < count; s++) {
            int k = kernel(random.nextDouble());
            for (int j = 0; j < dimensions.length; j++) {
                TpeDimension dimension = dimensions[j];
                if (dimension.kind == TpeDimension.Kind.CATEGORICAL) {
                    points[s][j] = choice(logChoiceProbabilities[j][k], random.nextDouble());
                } else {
                    double x = Gaussian.truncated(random, mus[j][k], sigmas[j][k], dimension.low, dimension.high);
                    points[s][j] = dimension.snapped(x);
                }
            }
        }
        return points;
    }

    private int kernel(double u) {
        int found = Arrays.binarySearch(cumulativeWeights, u);
        int k = found >= 0 ? found : -found - 1;
        return Math.min(k, kernels - 1);
    }

    private static int choice(double[] logProbabilities, double u) {
        double cumulative = 0;
        for (int c = 0; c < logProbabilities.length; c++) {
            cumulative += Math.exp(logProbabilities[c]);
            if (u < cumulative) {
                return c;
            }
        }
        return logProbabilities.length - 1;
    }

    /** The log of the mixture's density (mass, on grids and choices) at each point. */
    double[] logDensity(double[][] points) {
        double[] result = new double[points.length];
        double[] terms = new double[kernels];
        for (int s = 0; s < points.length; s++) {
            Arrays.fill(terms, 0);
            for (int k = 0; k < kernels; k++) {
                terms[k] = logWeights[k];
            }
            for (int j = 0; j < dimensions.length; j++) {
                addLogKernels(j, points[s][j], terms);
            }
            result[s] = logSumExp(terms);
        }
        return result;
    }

    private void addLogKernels(int j, double x, double[] terms) {
        TpeDimension dimension = dimensions[j];
        if (dimension.kind == TpeDimension.Kind.CATEGORICAL) {
            int c = (int) x;
            for (int k = 0; k < kernels; k++) {
                terms[k] += logChoiceProbabilities[j][k][c];
            }
            return;
        }
        double[] mu = mus[j];
        double[] sigma = sigmas[j];
        double[] logNormalizer = logNormalizers[j];
        if (dimension.kind == TpeDimension.Kind.CONTINUOUS) {
            for (int k = 0; k < kernels; k++) {
                double z = (x - mu[k]) / sigma[k];
                terms[k] -= 0.5 * z * z + logNormalizer[k];
            }
            return;
        }
        double half = dimension.step / 2;
        for (int k = 0; k < kernels; k++) {
            double mass = Gaussian.mass((x - half - mu[k]) / sigma[k], (x + half - mu[k]) / sigma[k]);
            terms[k] += Math.log(Math.max(mass, Double.MIN_NORMAL)) - logNormalizer[k];
        }
    }

    private static double logSumExp(double[] terms) {
        double max = Double.NEGATIVE_INFINITY;
        for (double t : terms) {
            max = Math.max(max, t);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }
}
