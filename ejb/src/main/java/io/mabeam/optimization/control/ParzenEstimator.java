package io.mabeam.optimization.control;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A weighted mixture of product kernels over one or more dimensions, one kernel per observation plus a
 * broad prior kernel: truncated normals on intervals, cell masses of truncated normals on grids, smoothed
 * one-hot distributions on choices. TPE keeps one for the good trials (l) and one for the rest (g).
 *
 * <p>Kernels' means, widths and the mixture's weights are computed once; what only densities need (logs of
 * weights and normalizers in many dimensions, linear factors in one) is computed when first asked for.
 */
final class ParzenEstimator {

    private static final double SIGMA0_MAGNITUDE = 0.2;
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    /** Kernels beyond this many standard deviations from a point add less than 1e-14 of their weight. */
    private static final double REACH = 8;

    /** Well inside the interval the truncation takes nothing (below 1e-15): the normalizer is 1. */
    private static final double WHOLE = 8.5;

    private final TpeDimension[] dimensions;
    private final int kernels;
    private final double priorWeight;
    /** The kernels' weights, normalized to sum 1 (the prior's last), and their running sums. */
    private final double[] weights;

    private final double[] cumulativeWeights;
    /** Per dimension, per kernel: mean and sd (numeric), or the observed choice (categorical; -1: the prior). */
    private final double[][] mus;

    private final double[][] sigmas;
    private final double[] minSigmas;
    private final int[][] observedChoices;
    /** Per categorical dimension: the log-probabilities of each choice, per observed choice then the prior's. */
    private final double[][][] logChoiceRows;

    /** Computed when first needed: logs of the weights, normalizers per dimension and kernel. */
    private double[] logWeights;

    private double[][] logNormalizers;

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
        this(
                dimensions,
                columns(dimensions, observations),
                weights,
                priorWeight,
                multivariate,
                magicClip,
                considerEndpoints,
                true);
    }

    /** The same from one column of observations per dimension. */
    static ParzenEstimator ofColumns(
            TpeDimension[] dimensions,
            double[][] columns,
            double[] weights,
            double priorWeight,
            boolean multivariate,
            boolean magicClip,
            boolean considerEndpoints) {
        return new ParzenEstimator(
                dimensions, columns, weights, priorWeight, multivariate, magicClip, considerEndpoints, true);
    }

    private ParzenEstimator(
            TpeDimension[] dimensions,
            double[][] columns,
            double[] weights,
            double priorWeight,
            boolean multivariate,
            boolean magicClip,
            boolean considerEndpoints,
            boolean byColumns) {
        this.dimensions = dimensions;
        this.priorWeight = priorWeight;
        int n = weights.length;
        this.kernels = n + 1;
        double[] w = Arrays.copyOf(weights, kernels);
        w[n] = priorWeight;
        double total = Arrays.stream(w).sum();
        this.weights = new double[kernels];
        this.cumulativeWeights = new double[kernels];
        double running = 0;
        for (int k = 0; k < kernels; k++) {
            this.weights[k] = w[k] / total;
            running += w[k] / total;
            cumulativeWeights[k] = running;
        }
        int d = dimensions.length;
        this.mus = new double[d][];
        this.sigmas = new double[d][];
        this.minSigmas = new double[d];
        this.observedChoices = new int[d][];
        this.logChoiceRows = new double[d][][];
        for (int j = 0; j < d; j++) {
            TpeDimension dimension = dimensions[j];
            if (dimension.kind == TpeDimension.Kind.CATEGORICAL) {
                int[] observed = new int[kernels];
                for (int i = 0; i < n; i++) {
                    observed[i] = (int) columns[j][i];
                }
                observed[n] = -1;
                observedChoices[j] = observed;
                logChoiceRows[j] = new double[dimension.choices + 1][];
            } else {
                numericKernels(j, columns[j], dimension, multivariate, magicClip, considerEndpoints);
            }
        }
    }

    private static double[][] columns(TpeDimension[] dimensions, double[][] rows) {
        double[][] columns = new double[dimensions.length][rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < dimensions.length; j++) {
                columns[j][i] = rows[i][j];
            }
        }
        return columns;
    }

    /**
     * A kernel's log-probabilities of each choice (shared by the kernels that observed the same choice):
     * the observed choice plus a smoothing share of the prior weight for each, normalized.
     */
    private double[] logChoiceRow(int j, int k) {
        int observed = observedChoices[j][k];
        int row = observed < 0 ? dimensions[j].choices : observed;
        double[] logProbabilities = logChoiceRows[j][row];
        if (logProbabilities == null) {
            double[] probabilities = choiceRow(j, observed);
            logProbabilities = new double[probabilities.length];
            for (int c = 0; c < probabilities.length; c++) {
                logProbabilities[c] = Math.log(probabilities[c]);
            }
            logChoiceRows[j][row] = logProbabilities;
        }
        return logProbabilities;
    }

    private double[] choiceRow(int j, int observed) {
        double[] row = new double[dimensions[j].choices];
        Arrays.fill(row, priorWeight / kernels);
        if (observed >= 0) {
            row[observed] += 1;
        }
        double sum = Arrays.stream(row).sum();
        for (int c = 0; c < row.length; c++) {
            row[c] = row[c] / sum;
        }
        return row;
    }

    private void numericKernels(
            int j,
            double[] observed,
            TpeDimension dimension,
            boolean multivariate,
            boolean magicClip,
            boolean considerEndpoints) {
        int n = kernels - 1;
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
        for (int k = 0; k <= n; k++) {
            sigma[k] = Math.min(maxSigma, Math.max(minSigma, sigma[k]));
        }
        mus[j] = mu;
        sigmas[j] = sigma;
        minSigmas[j] = minSigma;
    }

    /** The mass of the kernel's normal within the dimension's interval (1 well inside it). */
    private static double truncationMass(TpeDimension dimension, double mu, double sigma) {
        double a = (dimension.low - mu) / sigma;
        double b = (dimension.high - mu) / sigma;
        if (a < -WHOLE && b > WHOLE) {
            return 1;
        }
        return Math.max(Gaussian.mass(a, b), Double.MIN_NORMAL);
    }

    /** Draws {@code count} points (rows: dimensions' coordinates, snapped onto grids and integers). */
    double[][] sample(SplittableRandom random, int count) {
        double[][] points = new double[count][dimensions.length];
        for (int s = 0; s < count; s++) {
            int k = kernel(random.nextDouble());
            for (int j = 0; j < dimensions.length; j++) {
                TpeDimension dimension = dimensions[j];
                if (dimension.kind == TpeDimension.Kind.CATEGORICAL) {
                    points[s][j] = choice(logChoiceRow(j, k), random.nextDouble());
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
        prepareLogSpace();
        double[] result = new double[points.length];
        double[] terms = new double[kernels];
        for (int s = 0; s < points.length; s++) {
            System.arraycopy(logWeights, 0, terms, 0, kernels);
            for (int j = 0; j < dimensions.length; j++) {
                addLogKernels(j, points[s][j], terms);
            }
            result[s] = logSumExp(terms);
        }
        return result;
    }

    /** The logs of the weights and, per numeric dimension, of each kernel's normalizer (and σ√(2π) on intervals). */
    private void prepareLogSpace() {
        if (logWeights != null) {
            return;
        }
        double[] logs = new double[kernels];
        for (int k = 0; k < kernels; k++) {
            // equal weights (most are 1 before normalizing) have equal logs
            logs[k] = k > 0 && weights[k] == weights[k - 1] ? logs[k - 1] : Math.log(weights[k]);
        }
        double logSqrt2Pi = 0.5 * Math.log(2 * Math.PI);
        double[][] normalizers = new double[dimensions.length][];
        for (int j = 0; j < dimensions.length; j++) {
            TpeDimension dimension = dimensions[j];
            if (dimension.kind == TpeDimension.Kind.CATEGORICAL) {
                continue;
            }
            double[] mu = mus[j];
            double[] sigma = sigmas[j];
            double minSigma = minSigmas[j];
            double logMinSigma = Math.log(minSigma);
            double[] logNormalizer = new double[kernels];
            for (int k = 0; k < kernels; k++) {
                double mass = truncationMass(dimension, mu[k], sigma[k]);
                logNormalizer[k] = mass == 1 ? 0 : Math.log(mass);
                if (dimension.kind == TpeDimension.Kind.CONTINUOUS) {
                    // the density's own constants (most widths are the clipped minimum: its log is known)
                    logNormalizer[k] += (sigma[k] == minSigma ? logMinSigma : Math.log(sigma[k])) + logSqrt2Pi;
                }
            }
            normalizers[j] = logNormalizer;
        }
        logNormalizers = normalizers;
        logWeights = logs;
    }

    private double[] choiceMixture;
    private int[] byMean;
    /** The one-dimensional density's kernels in bands of similar width, each band by mean: see {@link #prepareBands}. */
    private int[] bandStart;

    private double[] bandReach;
    private double[] bandMeans;
    private double[] bandSigmas;
    private double[] bandCutoffs;
    private double[] bandFactors;
    private double priorFactor;

    /**
     * One dimension (independent TPE, the common case) in linear space: a categorical's mixture is one table
     * of choice probabilities; numeric kernels are banded by width, sorted by mean within a band, and only
     * those within {@link #REACH} standard deviations of a point are summed (the prior's broad kernel always
     * is), so an ask over a thousand trials costs what the kernels near each candidate cost.
     */
    private double[] logDensityOneDimension(double[][] points) {
        TpeDimension dimension = dimensions[0];
        double[] result = new double[points.length];
        if (dimension.kind == TpeDimension.Kind.CATEGORICAL) {
            double[] mixture = choiceMixture();
            for (int s = 0; s < points.length; s++) {
                result[s] = Math.log(mixture[(int) points[s][0]]);
            }
            return result;
        }
        prepareBands();
        boolean continuous = dimension.kind == TpeDimension.Kind.CONTINUOUS;
        double half = dimension.step / 2;
        double[] means = bandMeans;
        double[] widths = bandSigmas;
        double[] cutoffs = bandCutoffs;
        double[] factors = bandFactors;
        int prior = kernels - 1;
        double priorMu = mus[0][prior];
        double priorSigma = sigmas[0][prior];
        for (int s = 0; s < points.length; s++) {
            double x = points[s][0];
            double density = 0;
            for (int b = 0; b + 1 < bandStart.length; b++) {
                int from = lowerBound(means, bandStart[b], bandStart[b + 1], x - bandReach[b]);
                int to = lowerBound(means, from, bandStart[b + 1], x + bandReach[b]);
                if (continuous) {
                    for (int i = from; i < to; i++) {
                        double z = (x - means[i]) / widths[i];
                        if (Math.abs(z) <= REACH) {
                            density += factors[i] * FastExp.exp(-0.5 * z * z);
                        }
                    }
                } else {
                    for (int i = from; i < to; i++) {
                        double z = (x - means[i]) / widths[i];
                        if (Math.abs(z) <= cutoffs[i]) {
                            density += factors[i]
                                    * Gaussian.mass(
                                            (x - half - means[i]) / widths[i], (x + half - means[i]) / widths[i]);
                        }
                    }
                }
            }
            // the prior, never in a band
            double z = (x - priorMu) / priorSigma;
            if (Math.abs(z) <= REACH + (continuous ? 0 : dimension.step / priorSigma)) {
                density += priorFactor
                        * (continuous
                                ? FastExp.exp(-0.5 * z * z)
                                : Gaussian.mass((x - half - priorMu) / priorSigma, (x + half - priorMu) / priorSigma));
            }
            result[s] = Math.log(Math.max(density, Double.MIN_NORMAL));
        }
        return result;
    }

    /** The mixture of the kernels' choice probabilities, summing the weights of kernels with the same choice. */
    private double[] choiceMixture() {
        if (choiceMixture == null) {
            int choices = dimensions[0].choices;
            double[] weightOfChoice = new double[choices];
            int[] observed = observedChoices[0];
            for (int k = 0; k < kernels - 1; k++) {
                weightOfChoice[observed[k]] += weights[k];
            }
            double[] mixture = new double[choices];
            for (int o = 0; o < choices; o++) {
                if (weightOfChoice[o] > 0) {
                    double[] row = choiceRow(0, o);
                    for (int c = 0; c < choices; c++) {
                        mixture[c] += weightOfChoice[o] * row[c];
                    }
                }
            }
            double[] prior = choiceRow(0, -1);
            for (int c = 0; c < choices; c++) {
                mixture[c] += weights[kernels - 1] * prior[c];
            }
            choiceMixture = mixture;
        }
        return choiceMixture;
    }

    /**
     * The observations' kernels grouped in bands by width (a band's widths within a factor of two of each
     * other, from the narrowest up), each band sorted by mean with the reach of its widest kernel: a point's
     * window in a band holds little more than the kernels that reach it. Each kernel's linear factor is its
     * weight over its normalizer.
     */
    private void prepareBands() {
        if (bandStart != null) {
            return;
        }
        TpeDimension dimension = dimensions[0];
        boolean continuous = dimension.kind == TpeDimension.Kind.CONTINUOUS;
        double[] mu = mus[0];
        double[] sigma = sigmas[0];
        int observations = kernels - 1; // the prior is added separately
        int[] order = byMean != null ? byMean : sortedOrder(Arrays.copyOf(mu, observations));
        double narrowest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < observations; k++) {
            narrowest = Math.min(narrowest, sigma[k]);
        }
        int[] band = new int[observations];
        int bands = 0;
        for (int k = 0; k < observations; k++) {
            band[k] = Math.max(0, Math.getExponent(sigma[k] / narrowest));
            bands = Math.max(bands, band[k] + 1);
        }
        int[] start = new int[bands + 1];
        for (int k = 0; k < observations; k++) {
            start[band[k] + 1]++;
        }
        for (int b = 0; b < bands; b++) {
            start[b + 1] += start[b];
        }
        int[] next = Arrays.copyOf(start, bands);
        double[] means = new double[observations];
        double[] widths = new double[observations];
        double[] cutoffs = new double[observations];
        double[] factors = new double[observations];
        double[] reach = new double[bands];
        for (int i = 0; i < observations; i++) {
            int k = order[i];
            int at = next[band[k]]++;
            means[at] = mu[k];
            widths[at] = sigma[k];
            cutoffs[at] = REACH + (continuous ? 0 : dimension.step / sigma[k]);
            factors[at] = linearFactor(k);
            // a little wider than the kernel's reach, so rounding never leaves out one that reaches
            reach[band[k]] = Math.max(reach[band[k]], (REACH * sigma[k] + dimension.step) * (1 + 1e-9));
        }
        priorFactor = linearFactor(observations);
        bandMeans = means;
        bandSigmas = widths;
        bandCutoffs = cutoffs;
        bandFactors = factors;
        bandReach = reach;
        bandStart = start;
    }

    /** A kernel's weight over its normalizer: the truncation mass, and on intervals σ√(2π). */
    private double linearFactor(int k) {
        TpeDimension dimension = dimensions[0];
        double sigma = sigmas[0][k];
        double mass = truncationMass(dimension, mus[0][k], sigma);
        double normalizer = dimension.kind == TpeDimension.Kind.CONTINUOUS ? mass * (sigma * SQRT_2PI) : mass;
        return weights[k] / normalizer;
    }

    /**
     * The indices of {@code values} in ascending order of value (-0 and 0 equal), ties by index: a stable
     * least-significant-digit radix sort of the values' bits, bytes all values share skipped.
     */
    static int[] sortedOrder(double[] values) {
        int n = values.length;
        long[] keys = new long[n];
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            long bits = Double.doubleToRawLongBits(values[k] + 0.0); // -0 + 0 is 0
            keys[k] = bits ^ ((bits >> 63) | Long.MIN_VALUE); // unsigned order of keys is the values' order
            order[k] = k;
        }
        if (n < 48) {
            for (int i = 1; i < n; i++) {
                long key = keys[i];
                int index = order[i];
                int at = i;
                while (at > 0 && Long.compareUnsigned(keys[at - 1], key) > 0) {
                    keys[at] = keys[at - 1];
                    order[at] = order[at - 1];
                    at--;
                }
                keys[at] = key;
                order[at] = index;
            }
            return order;
        }
        int[][] counts = new int[8][257];
        for (long key : keys) {
            for (int d = 0; d < 8; d++) {
                counts[d][(int) (key >>> (8 * d)) & 0xff]++;
            }
        }
        long[] otherKeys = new long[n];
        int[] otherOrder = new int[n];
        for (int d = 0; d < 8; d++) {
            int[] count = counts[d];
            if (count[(int) (keys[0] >>> (8 * d)) & 0xff] == n) {
                continue; // every key has this byte
            }
            int sum = 0;
            for (int v = 0; v < 256; v++) {
                int c = count[v];
                count[v] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int at = count[(int) (keys[i] >>> (8 * d)) & 0xff]++;
                otherKeys[at] = keys[i];
                otherOrder[at] = order[i];
            }
            long[] swapKeys = keys;
            keys = otherKeys;
            otherKeys = swapKeys;
            int[] swapOrder = order;
            order = otherOrder;
            otherOrder = swapOrder;
        }
        return order;
    }

    /** The first index in [from, to) of {@code sorted} whose value is not below {@code value}. */
    private static int lowerBound(double[] sorted, int from, int to, double value) {
        int low = from;
        int high = to;
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
            double[] ofChoice = new double[dimension.choices + 1];
            Arrays.fill(ofChoice, Double.NaN);
            int[] observed = observedChoices[j];
            for (int k = 0; k < kernels; k++) {
                int row = observed[k] < 0 ? dimension.choices : observed[k];
                if (Double.isNaN(ofChoice[row])) {
                    ofChoice[row] = logChoiceRow(j, k)[c];
                }
                terms[k] += ofChoice[row];
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
            sum += FastExp.exp(t - max);
        }
        return max + Math.log(sum);
    }
}
