package io.mabeam.optimization.control;

import java.util.Arrays;
import java.util.SplittableRandom;

/** {@link ParzenEstimator} as it was before TPE's ask was made faster, frozen for {@link ReferenceTpeSampler}. */
final class ReferenceParzenEstimator {

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
    ReferenceParzenEstimator(
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
            int[] order = sortedOrder(withPrior);
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
            int[] observationOrder = new int[n];
            int next = 0;
            for (int i = 0; i < m; i++) {
                if (order[i] < n) {
                    sigma[order[i]] = sorted[i];
                    observationOrder[next++] = order[i];
                }
            }
            if (dimensions.length == 1) {
                byMean = observationOrder; // the one-dimensional density's window walks kernels in this order
            }
        }
        mu[n] = (low + high) / 2;
        sigma[n] = high - low;
        double maxSigma = high - low;
        double minSigma = magicClip ? (high - low) / Math.min(100.0, 1.0 + (n + 1)) : 1e-12;
        double[] logNormalizer = new double[n + 1];
        double logMinSigma = Math.log(minSigma);
        double logSqrt2Pi = 0.5 * Math.log(2 * Math.PI);
        for (int k = 0; k <= n; k++) {
            sigma[k] = Math.min(maxSigma, Math.max(minSigma, sigma[k]));
            double a = (low - mu[k]) / sigma[k];
            double b = (high - mu[k]) / sigma[k];
            // well inside the interval the truncation takes nothing (below 1e-15): skip two erfc calls
            boolean whole = a < -8.5 && b > 8.5;
            logNormalizer[k] = whole ? 0 : Math.log(Math.max(Gaussian.mass(a, b), Double.MIN_NORMAL));
            if (dimension.kind == TpeDimension.Kind.CONTINUOUS) {
                // the density's own constants (most widths are the clipped minimum: its log is known)
                logNormalizer[k] += (sigma[k] == minSigma ? logMinSigma : Math.log(sigma[k])) + logSqrt2Pi;
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
        if (dimensions.length == 1) {
            return logDensityOneDimension(points);
        }
        return logDensityAllKernels(points);
    }

    /** The same, summing every kernel in log space (the reference the one-dimensional path is tested against). */
    double[] logDensityAllKernels(double[][] points) {
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

    /** Kernels beyond this many standard deviations from a point add less than 1e-14 of their weight. */
    private static final double REACH = 8;

    private double[] choiceMixture;
    private int[] byMean;
    private double[] sortedMeans;
    private double widestReach;
    private double[] linearFactors;

    /**
     * One dimension (independent TPE, the common case) in linear space: a categorical's mixture is one table
     * of choice probabilities; numeric kernels are sorted by mean and only those within {@link #REACH}
     * standard deviations of a point are summed (the prior's broad kernel always is), so an ask over a
     * thousand trials costs what the few dozen kernels near each candidate cost.
     */
    private double[] logDensityOneDimension(double[][] points) {
        TpeDimension dimension = dimensions[0];
        double[] result = new double[points.length];
        if (dimension.kind == TpeDimension.Kind.CATEGORICAL) {
            if (choiceMixture == null) {
                double[] mixture = new double[dimension.choices];
                for (int k = 0; k < kernels; k++) {
                    for (int c = 0; c < mixture.length; c++) {
                        mixture[c] += Math.exp(logWeights[k] + logChoiceProbabilities[0][k][c]);
                    }
                }
                choiceMixture = mixture;
            }
            for (int s = 0; s < points.length; s++) {
                result[s] = Math.log(choiceMixture[(int) points[s][0]]);
            }
            return result;
        }
        prepareSortedKernels();
        double[] mu = mus[0];
        double[] sigma = sigmas[0];
        for (int s = 0; s < points.length; s++) {
            double x = points[s][0];
            int from = lowerBound(sortedMeans, x - widestReach);
            int to = lowerBound(sortedMeans, x + widestReach + Double.MIN_VALUE);
            double density = 0;
            for (int i = from; i < to; i++) {
                density += kernelDensity(byMean[i], x, dimension, mu, sigma);
            }
            density += kernelDensity(kernels - 1, x, dimension, mu, sigma); // the prior, never in the window
            result[s] = Math.log(Math.max(density, Double.MIN_NORMAL));
        }
        return result;
    }

    private double kernelDensity(int k, double x, TpeDimension dimension, double[] mu, double[] sigma) {
        double z = (x - mu[k]) / sigma[k];
        if (Math.abs(z) > REACH + (dimension.kind == TpeDimension.Kind.DISCRETE ? dimension.step / sigma[k] : 0)) {
            return 0;
        }
        if (dimension.kind == TpeDimension.Kind.CONTINUOUS) {
            return linearFactors[k] * Math.exp(-0.5 * z * z);
        }
        double half = dimension.step / 2;
        return linearFactors[k] * Gaussian.mass((x - half - mu[k]) / sigma[k], (x + half - mu[k]) / sigma[k]);
    }

    private void prepareSortedKernels() {
        if (sortedMeans != null) {
            return;
        }
        double[] mu = mus[0];
        double[] sigma = sigmas[0];
        int observations = kernels - 1; // the prior is added separately
        int[] order = byMean != null ? byMean : sortedOrder(Arrays.copyOf(mu, observations));
        byMean = new int[observations];
        sortedMeans = new double[observations];
        double reach = 0;
        TpeDimension dimension = dimensions[0];
        for (int i = 0; i < observations; i++) {
            byMean[i] = order[i];
            sortedMeans[i] = mu[order[i]];
            reach = Math.max(reach, REACH * sigma[order[i]] + dimension.step);
        }
        widestReach = reach;
        linearFactors = new double[kernels];
        for (int k = 0; k < kernels; k++) {
            linearFactors[k] = Math.exp(logWeights[k] - logNormalizers[0][k]);
        }
    }

    /**
     * The indices of {@code values} in ascending order of value, ties by index: a primitive sort of a copy,
     * then each index placed at its value's first position plus the ties placed before it.
     */
    static int[] sortedOrder(double[] values) {
        int n = values.length;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int[] order = new int[n];
        int[] placed = new int[n];
        for (int k = 0; k < n; k++) {
            int first = lowerBound(sorted, values[k]);
            order[first + placed[first]++] = k;
        }
        return order;
    }

    private static int lowerBound(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
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
