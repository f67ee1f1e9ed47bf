package io.mabeam.optimization.control;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A weighted mixture of product kernels over one or more dimensions, one kernel per observation plus a
 * broad prior kernel: truncated normals on intervals, cell masses of truncated normals on grids, smoothed
 * one-hot distributions on choices. TPE keeps one for the good trials (l) and one for the rest (g).
 *
 * <p>Kernels' means, widths and the mixture's weights are computed at once; what only densities need (logs
 * of weights and normalizers, linear factors) when first asked for, as TPE often decides from the cheaper
 * {@link #logDensityBounds} instead.
 */
final class ParzenEstimator {

    private static final double SIGMA0_MAGNITUDE = 0.2;
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    /** Kernels beyond this many standard deviations from a point add less than 1e-14 of their weight. */
    static final double REACH = 8;

    /** Well inside the interval the truncation takes nothing (below 1e-15): the normalizer is 1. */
    private static final double WHOLE = 8.5;

    private final TpeDimension[] dimensions;
    private final int kernels;
    private final double priorWeight;
    /** The kernels' weights as given (the prior's last). */
    private final double[] rawWeights;

    /** Computed when first needed: the weights normalized to sum 1, and their running sums. */
    private double[] weights;

    private double[] cumulativeWeights;
    /** The same normalized by a plain sum (the last bits may differ), for bounds. */
    private double[] boundsWeights;
    /** Per dimension, per kernel: mean and sd (numeric), or the observed choice (categorical; -1: the prior). */
    final double[][] mus;

    final double[][] sigmas;
    private final double[] minSigmas;
    private final int[][] observedChoices;
    /** Per categorical dimension: the log-probabilities of each choice, per observed choice then the prior's. */
    private final double[][][] logChoiceRows;

    /** Computed when first needed: logs of the weights, and per numeric dimension of each kernel's normalizer. */
    private double[] logWeights;

    private final double[][] logNormalizers;

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
                null);
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
                dimensions, columns, weights, priorWeight, multivariate, magicClip, considerEndpoints, null);
    }

    /**
     * The same in one numeric dimension with the observations' order by value (ties by index) already known,
     * as {@link #sortedOrder} would give it.
     */
    static ParzenEstimator ofColumn(
            TpeDimension dimension,
            double[] column,
            int[] order,
            double[] weights,
            double priorWeight,
            boolean magicClip,
            boolean considerEndpoints) {
        return new ParzenEstimator(
                new TpeDimension[] {dimension},
                new double[][] {column},
                weights,
                priorWeight,
                false,
                magicClip,
                considerEndpoints,
                order);
    }

    private ParzenEstimator(
            TpeDimension[] dimensions,
            double[][] columns,
            double[] weights,
            double priorWeight,
            boolean multivariate,
            boolean magicClip,
            boolean considerEndpoints,
            int[] observationOrder) {
        this.dimensions = dimensions;
        this.priorWeight = priorWeight;
        int n = weights.length;
        this.kernels = n + 1;
        this.rawWeights = Arrays.copyOf(weights, kernels);
        rawWeights[n] = priorWeight;
        int d = dimensions.length;
        this.mus = new double[d][];
        this.sigmas = new double[d][];
        this.minSigmas = new double[d];
        this.observedChoices = new int[d][];
        this.logChoiceRows = new double[d][][];
        this.logNormalizers = new double[d][];
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
                numericKernels(j, columns[j], dimension, multivariate, magicClip, considerEndpoints, observationOrder);
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
            boolean considerEndpoints,
            int[] observationOrder) {
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
            int[] order = observationOrder == null
                    ? SortOrder.sortedOrder(withPrior)
                    : withPrior(observationOrder, withPrior);
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
            int[] byValue = new int[n];
            int next = 0;
            for (int i = 0; i < m; i++) {
                if (order[i] < n) {
                    sigma[order[i]] = sorted[i];
                    byValue[next++] = order[i];
                }
            }
            if (dimensions.length == 1) {
                byMean = byValue; // the one-dimensional density's window walks kernels in this order
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

    /**
     * The order of observations and the prior's centre (last in {@code values}) from the observations' order:
     * the centre goes after every observation not above it, as the last index among equal values.
     */
    private static int[] withPrior(int[] observationOrder, double[] values) {
        int n = observationOrder.length;
        double centre = values[n];
        int low = 0;
        int high = n;
        while (low < high) { // the first observation above the centre
            int middle = (low + high) >>> 1;
            if (values[observationOrder[middle]] > centre) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        int[] order = new int[n + 1];
        System.arraycopy(observationOrder, 0, order, 0, low);
        order[low] = n;
        System.arraycopy(observationOrder, low, order, low + 1, n - low);
        return order;
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

    /** The weights normalized as the draws and densities always had them: by a compensated sum. */
    private double[] weights() {
        if (weights == null) {
            double total = Arrays.stream(rawWeights).sum();
            double[] normalized = new double[kernels];
            double[] cumulative = new double[kernels];
            double running = 0;
            for (int k = 0; k < kernels; k++) {
                normalized[k] = rawWeights[k] / total;
                running += rawWeights[k] / total;
                cumulative[k] = running;
            }
            cumulativeWeights = cumulative;
            weights = normalized;
        }
        return weights;
    }

    private double[] boundsWeights() {
        if (boundsWeights == null) {
            double total = 0;
            for (double w : rawWeights) {
                total += w;
            }
            double[] normalized = new double[kernels];
            for (int k = 0; k < kernels; k++) {
                normalized[k] = rawWeights[k] / total;
            }
            boundsWeights = normalized;
        }
        return boundsWeights;
    }

    private int kernel(double u) {
        weights();
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

    /**
     * The log of the mixture's density (mass, on grids and choices) at each point: exactly as TPE computed it
     * before its ask was made faster, bit for bit, since a suggestion is the candidate with the largest ratio
     * of two densities, and candidates whose ratios are mathematically equal (choices seen equally often, say)
     * are told apart by rounding alone. What is faster are bounds that often decide without the densities:
     * {@link #logDensityBounds}.
     */
    double[] logDensity(double[][] points) {
        if (dimensions.length == 1) {
            return logDensityOneDimension(points);
        }
        return logDensityAllKernels(points);
    }

    /** The same, summing every kernel in log space (the reference the one-dimensional path is tested against). */
    double[] logDensityAllKernels(double[][] points) {
        double[] logWeight = logWeights();
        double[] result = new double[points.length];
        double[] terms = new double[kernels];
        for (int s = 0; s < points.length; s++) {
            System.arraycopy(logWeight, 0, terms, 0, kernels);
            for (int j = 0; j < dimensions.length; j++) {
                addLogKernels(j, points[s][j], terms);
            }
            result[s] = logSumExp(terms);
        }
        return result;
    }

    private double[] logWeights() {
        if (logWeights == null) {
            double[] weight = weights();
            double[] logs = new double[kernels];
            for (int k = 0; k < kernels; k++) {
                // equal weights (most are 1 before normalizing) have equal logs
                logs[k] = k > 0 && weight[k] == weight[k - 1] ? logs[k - 1] : Math.log(weight[k]);
            }
            logWeights = logs;
        }
        return logWeights;
    }

    /** Per kernel, the log of its truncation mass (and, on intervals, of σ√(2π)) in a numeric dimension. */
    private double[] logNormalizers(int j) {
        if (logNormalizers[j] == null) {
            TpeDimension dimension = dimensions[j];
            double[] mu = mus[j];
            double[] sigma = sigmas[j];
            double minSigma = minSigmas[j];
            double logMinSigma = Math.log(minSigma);
            double logSqrt2Pi = 0.5 * Math.log(2 * Math.PI);
            double[] logNormalizer = new double[kernels];
            double lastSigma = Double.NaN;
            double logLastSigma = Double.NaN;
            for (int k = 0; k < kernels; k++) {
                double a = (dimension.low - mu[k]) / sigma[k];
                double b = (dimension.high - mu[k]) / sigma[k];
                boolean whole = a < -WHOLE && b > WHOLE;
                logNormalizer[k] = whole ? 0 : Math.log(Math.max(Gaussian.mass(a, b), Double.MIN_NORMAL));
                if (dimension.kind == TpeDimension.Kind.CONTINUOUS) {
                    // the density's own constants (most widths are the clipped minimum, or equal: logs known)
                    double logSigma;
                    if (sigma[k] == minSigma) {
                        logSigma = logMinSigma;
                    } else if (sigma[k] == lastSigma) {
                        logSigma = logLastSigma;
                    } else {
                        logSigma = Math.log(sigma[k]);
                        lastSigma = sigma[k];
                        logLastSigma = logSigma;
                    }
                    logNormalizer[k] += logSigma + logSqrt2Pi;
                }
            }
            logNormalizers[j] = logNormalizer;
        }
        return logNormalizers[j];
    }

    private double[] choiceMixture;
    private int[] byMean;
    private double[] sortedMeans;
    private double widestReach;
    private double[] linearFactors;

    /**
     * One dimension (independent TPE, the common case) in linear space: a categorical's mixture is one table
     * of choice probabilities; numeric kernels are sorted by mean and only those within {@link #REACH}
     * standard deviations of a point are summed (the prior's broad kernel always is).
     */
    private double[] logDensityOneDimension(double[][] points) {
        TpeDimension dimension = dimensions[0];
        double[] result = new double[points.length];
        if (dimension.kind == TpeDimension.Kind.CATEGORICAL) {
            if (choiceMixture == null) {
                double[] logWeight = logWeights();
                double[] mixture = new double[dimension.choices];
                for (int k = 0; k < kernels; k++) {
                    double[] logProbabilities = logChoiceRow(0, k);
                    for (int c = 0; c < mixture.length; c++) {
                        mixture[c] += Math.exp(logWeight[k] + logProbabilities[c]);
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
            int from = SortOrder.lowerBound(sortedMeans, 0, sortedMeans.length, x - widestReach);
            int to = SortOrder.lowerBound(sortedMeans, 0, sortedMeans.length, x + widestReach + Double.MIN_VALUE);
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
        int[] order = observationsByMean();
        byMean = order;
        sortedMeans = new double[observations];
        double reach = 0;
        TpeDimension dimension = dimensions[0];
        for (int i = 0; i < observations; i++) {
            sortedMeans[i] = mu[order[i]];
            reach = Math.max(reach, REACH * sigma[order[i]] + dimension.step);
        }
        widestReach = reach;
        double[] logWeight = logWeights();
        double[] logNormalizer = logNormalizers(0);
        linearFactors = new double[kernels];
        for (int k = 0; k < kernels; k++) {
            linearFactors[k] = Math.exp(logWeight[k] - logNormalizer[k]);
        }
    }

    private int[] observationsByMean() {
        return byMean != null ? byMean : SortOrder.sortedOrder(Arrays.copyOf(mus[0], kernels - 1));
    }

    /** Computed for {@link #logDensityBounds}: the prior's linear factor, and the expansions (or null). */
    private double boundsPriorFactor;

    private KernelBoxes boxes;
    private boolean boxesPrepared;

    /**
     * Bounds on what {@link #logDensity} answers at each point ({@code [0]} below, {@code [1]} above), from
     * expansions cheaper than the density itself (in one continuous dimension; in several, the same sum done
     * faster: {@link #logDensityBoundsAllKernels}); null where they would not be cheaper (one dimension on a grid
     * or of choices, few kernels of one width). They hold the density as {@code logDensity} computes it,
     * rounding included (the expansions' error is bounded, and a margin far wider than the rounding of either
     * way to compute it is added), so a comparison the bounds decide is the one the densities would decide.
     */
    double[][] logDensityBounds(double[][] points) {
        if (dimensions.length > 1) {
            return logDensityBoundsAllKernels(points);
        }
        if (dimensions[0].kind != TpeDimension.Kind.CONTINUOUS) {
            return null;
        }
        if (!boxesPrepared) {
            boxesPrepared = true;
            boundsPriorFactor = boundsFactor(kernels - 1);
            boxes = KernelBoxes.of(this, observationsByMean());
        }
        if (boxes == null) {
            return null;
        }
        int prior = kernels - 1;
        double priorMu = mus[0][prior];
        double priorSigma = sigmas[0][prior];
        double[][] bounds = new double[2][points.length];
        double[] error = new double[1];
        for (int s = 0; s < points.length; s++) {
            double x = points[s][0];
            error[0] = 0;
            double z = (x - priorMu) / priorSigma;
            double density =
                    boxes.sum(x, error) + (Math.abs(z) <= REACH ? boundsPriorFactor * FastExp.exp(-0.5 * z * z) : 0);
            double margin = error[0] + Math.abs(density) * (1e-10 + 16 * kernels * 0x1p-53);
            bounds[0][s] = Math.log(Math.max(density - margin, Double.MIN_NORMAL));
            bounds[1][s] = Math.log(Math.max(density + margin, Double.MIN_NORMAL));
        }
        return bounds;
    }

    /** For {@link #logDensityBoundsAllKernels}: per kernel, its log weight less its log normalizers. */
    private double[] boundsConstants;

    /** Kernels' terms more than this below the largest are taken as this far below (adding below e^-700). */
    private static final double NEGLIGIBLE = 700;

    /**
     * {@link #logDensityBounds} over several dimensions: {@link #logDensityAllKernels} with each kernel's
     * normalizers summed once ({@link Gaussian#massForBounds}: all are at least 1/3), e^x by {@link FastExp},
     * and terms more than {@link #NEGLIGIBLE} below the largest taken as that far below. Each of these moves the
     * log density by far less than 1e-9, the margin the bounds keep.
     */
    private double[][] logDensityBoundsAllKernels(double[][] points) {
        if (boundsConstants == null) {
            double[] weight = boundsWeights();
            double[] constants = new double[kernels];
            for (int k = 0; k < kernels; k++) {
                constants[k] = k > 0 && weight[k] == weight[k - 1] ? constants[k - 1] : Math.log(weight[k]);
            }
            double logSqrt2Pi = 0.5 * Math.log(2 * Math.PI);
            for (int j = 0; j < dimensions.length; j++) {
                TpeDimension dimension = dimensions[j];
                if (dimension.kind == TpeDimension.Kind.CATEGORICAL) {
                    continue;
                }
                double[] mu = mus[j];
                double[] sigma = sigmas[j];
                double lastSigma = Double.NaN;
                double logLastSigma = 0;
                for (int k = 0; k < kernels; k++) {
                    double a = (dimension.low - mu[k]) / sigma[k];
                    double b = (dimension.high - mu[k]) / sigma[k];
                    if (!(a < -WHOLE && b > WHOLE)) {
                        constants[k] -= Math.log(Math.max(Gaussian.massForBounds(a, b), Double.MIN_NORMAL));
                    }
                    if (dimension.kind == TpeDimension.Kind.CONTINUOUS) {
                        if (sigma[k] != lastSigma) {
                            lastSigma = sigma[k];
                            logLastSigma = Math.log(sigma[k]) + logSqrt2Pi;
                        }
                        constants[k] -= logLastSigma;
                    }
                }
            }
            boundsConstants = constants;
        }
        double[][] bounds = new double[2][points.length];
        double[] terms = new double[kernels];
        for (int s = 0; s < points.length; s++) {
            System.arraycopy(boundsConstants, 0, terms, 0, kernels);
            for (int j = 0; j < dimensions.length; j++) {
                TpeDimension dimension = dimensions[j];
                double x = points[s][j];
                if (dimension.kind == TpeDimension.Kind.CATEGORICAL) {
                    for (int k = 0; k < kernels; k++) {
                        terms[k] += logChoiceRow(j, k)[(int) x];
                    }
                    continue;
                }
                double[] mu = mus[j];
                double[] sigma = sigmas[j];
                if (dimension.kind == TpeDimension.Kind.CONTINUOUS) {
                    for (int k = 0; k < kernels; k++) {
                        double z = (x - mu[k]) / sigma[k];
                        terms[k] -= 0.5 * z * z;
                    }
                    continue;
                }
                double half = dimension.step / 2;
                for (int k = 0; k < kernels; k++) {
                    // a grid cell far from a kernel has a tiny mass: exactly as the density takes it
                    double mass = Gaussian.mass((x - half - mu[k]) / sigma[k], (x + half - mu[k]) / sigma[k]);
                    terms[k] += Math.log(Math.max(mass, Double.MIN_NORMAL));
                }
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double t : terms) {
                max = Math.max(max, t);
            }
            if (!(max > Double.NEGATIVE_INFINITY && max < Double.POSITIVE_INFINITY)) {
                return null;
            }
            double sum = 0;
            for (double t : terms) {
                // terms far below the largest count as e^-700 (each adds less than 1e-300 then): no branch
                sum += FastExp.exp(Math.max(t - max, -NEGLIGIBLE));
            }
            double margin = 1e-9 + 16 * kernels * 0x1p-53;
            bounds[0][s] = max + Math.log(Math.max(sum - kernels * Math.exp(-NEGLIGIBLE), 1)) - margin;
            bounds[1][s] = max + Math.log(sum) + margin;
        }
        return bounds;
    }

    /** A continuous kernel's weight over its normalizer (truncation mass times σ√(2π)), for bounds. */
    double boundsFactor(int k) {
        TpeDimension dimension = dimensions[0];
        double mu = mus[0][k];
        double sigma = sigmas[0][k];
        double a = (dimension.low - mu) / sigma;
        double b = (dimension.high - mu) / sigma;
        double mass = a < -WHOLE && b > WHOLE ? 1 : Math.max(Gaussian.massForBounds(a, b), Double.MIN_NORMAL);
        return boundsWeights()[k] / (mass * (sigma * SQRT_2PI));
    }

    private void addLogKernels(int j, double x, double[] terms) {
        TpeDimension dimension = dimensions[j];
        if (dimension.kind == TpeDimension.Kind.CATEGORICAL) {
            int c = (int) x;
            for (int k = 0; k < kernels; k++) {
                terms[k] += logChoiceRow(j, k)[c];
            }
            return;
        }
        double[] mu = mus[j];
        double[] sigma = sigmas[j];
        double[] logNormalizer = logNormalizers(j);
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
