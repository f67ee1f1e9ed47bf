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
    private static final double REACH = 8;

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
    private final double[][] mus;

    private final double[][] sigmas;
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
            int[] order = observationOrder == null ? sortedOrder(withPrior) : withPrior(observationOrder, withPrior);
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
            int from = lowerBound(sortedMeans, 0, sortedMeans.length, x - widestReach);
            int to = lowerBound(sortedMeans, 0, sortedMeans.length, x + widestReach + Double.MIN_VALUE);
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
        return byMean != null ? byMean : sortedOrder(Arrays.copyOf(mus[0], kernels - 1));
    }

    /** Computed for {@link #logDensityBounds}: the prior's linear factor, and the expansions (or null). */
    private double boundsPriorFactor;

    private Boxes boxes;
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
            boxes = Boxes.of(this, observationsByMean());
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
    private double boundsFactor(int k) {
        TpeDimension dimension = dimensions[0];
        double mu = mus[0][k];
        double sigma = sigmas[0][k];
        double a = (dimension.low - mu) / sigma;
        double b = (dimension.high - mu) / sigma;
        double mass = a < -WHOLE && b > WHOLE ? 1 : Math.max(Gaussian.massForBounds(a, b), Double.MIN_NORMAL);
        return boundsWeights()[k] / (mass * (sigma * SQRT_2PI));
    }

    /**
     * Some continuous observation kernels of a one-dimensional estimator grouped in bands by width (a band's
     * widths within a factor of two of each other, from the narrowest up), each band sorted by mean with the
     * reach of its widest kernel: a point's window in a band holds little more than the kernels that reach it.
     */
    private static final class Bands {

        private final int[] start;
        private final double[] reach;
        private final double[] means;
        private final double[] widths;
        private final double[] factors;

        /** @param order the kernels, by mean; @param factorsByKernel their linear factors, by kernel */
        Bands(ParzenEstimator estimator, int[] order, double[] factorsByKernel) {
            double[] mu = estimator.mus[0];
            double[] sigma = estimator.sigmas[0];
            int count = order.length;
            double narrowest = Double.POSITIVE_INFINITY;
            for (int k : order) {
                narrowest = Math.min(narrowest, sigma[k]);
            }
            int[] band = new int[count];
            int bands = 0;
            for (int i = 0; i < count; i++) {
                band[i] = Math.max(0, Math.getExponent(sigma[order[i]] / narrowest));
                bands = Math.max(bands, band[i] + 1);
            }
            start = new int[bands + 1];
            for (int i = 0; i < count; i++) {
                start[band[i] + 1]++;
            }
            for (int b = 0; b < bands; b++) {
                start[b + 1] += start[b];
            }
            int[] next = Arrays.copyOf(start, bands);
            means = new double[count];
            widths = new double[count];
            factors = new double[count];
            reach = new double[bands];
            for (int i = 0; i < count; i++) {
                int k = order[i];
                int at = next[band[i]]++;
                means[at] = mu[k];
                widths[at] = sigma[k];
                factors[at] = factorsByKernel[k];
                // a little wider than the kernel's reach, so rounding never leaves out one that reaches
                reach[band[i]] = Math.max(reach[band[i]], REACH * sigma[k] * (1 + 1e-9));
            }
        }

        /** The kernels' density at x: those within their reach, summed band by band. */
        double sum(double x) {
            double density = 0;
            for (int b = 0; b + 1 < start.length; b++) {
                int from = lowerBound(means, start[b], start[b + 1], x - reach[b]);
                int to = lowerBound(means, from, start[b + 1], x + reach[b]);
                for (int i = from; i < to; i++) {
                    double z = (x - means[i]) / widths[i];
                    if (Math.abs(z) <= REACH) {
                        density += factors[i] * FastExp.exp(-0.5 * z * z);
                    }
                }
            }
            return density;
        }
    }

    /**
     * The continuous one-dimensional density with the many kernels of the narrowest width (as a long study
     * has them: clipped to the minimum) summed by expansions. Those kernels are cut into boxes of means within
     * half a width; a box's sum at t (x's distance from the box's centre, in widths) is
     * e^(-t²/2) Σ_k A_k e^(t v_k) with v_k a kernel's offset from the centre and A_k = f_k e^(-v_k²/2), and
     * e^(t v_k) is a Taylor series, so the box answers from its {@link #TERMS} moments Σ_k A_k v_k^n / n! at
     * the cost of one kernel. A box is expanded only when all its kernels are within reach of x (as the direct
     * sum takes them); one that straddles the reach is summed directly, and so are kernels of other widths.
     * Each expansion adds to a slack its truncation bound and a generous rounding bound.
     */
    private static final class Boxes {

        /**
         * Taylor terms, and boxes' half width in kernel widths: near a point (|t| ≤ 2, where its density is)
         * the truncation is below 1e-13 of a box's sum; the bound accounts for farther boxes as it is.
         */
        private static final int TERMS = 16;

        private static final double HALF_WIDTH = 0.5;
        private static final double INVERSE_FACTORIAL;
        private static final double[] INVERSE = new double[TERMS + 1];

        static {
            double factorial = 1;
            for (int n = 1; n <= TERMS; n++) {
                INVERSE[n] = 1.0 / n;
                factorial *= n;
            }
            INVERSE_FACTORIAL = 1 / factorial; // the remainder's power is computed by squaring: TERMS is 16
        }

        private final double sigma;
        private final double reach;
        private final double[] low;
        private final double[] high;
        private final double[] centre;
        /** Per box: the largest |v|, Σ A_k e^(|t v|) at most, and the relative rounding allowed. */
        private final double[] offset;

        private final double[] growth;
        private final double[] rounding;

        private final double[] moments;
        private final int[] start;
        private final double[] means;
        private final double[] factors;
        private final Bands rest;

        private Boxes(
                double sigma,
                double[] low,
                double[] high,
                double[] centre,
                double[] offset,
                double[] growth,
                double[] rounding,
                double[] moments,
                int[] start,
                double[] means,
                double[] factors,
                Bands rest) {
            this.sigma = sigma;
            this.reach = REACH * sigma * (1 + 1e-9);
            this.low = low;
            this.high = high;
            this.centre = centre;
            this.offset = offset;
            this.growth = growth;
            this.rounding = rounding;
            this.moments = moments;
            this.start = start;
            this.means = means;
            this.factors = factors;
            this.rest = rest;
        }

        /** The boxes over the kernels of the narrowest width, or null when they are too few to pay. */
        static Boxes of(ParzenEstimator estimator, int[] order) {
            double[] mu = estimator.mus[0];
            double[] sigmas = estimator.sigmas[0];
            double narrowest = Double.POSITIVE_INFINITY;
            for (int k : order) {
                narrowest = Math.min(narrowest, sigmas[k]);
            }
            int equal = 0;
            for (int k : order) {
                equal += sigmas[k] == narrowest ? 1 : 0;
            }
            if (equal < 4 * TERMS) {
                return null;
            }
            int[] narrow = new int[equal];
            int[] others = new int[order.length - equal];
            int n = 0;
            int o = 0;
            for (int k : order) {
                if (sigmas[k] == narrowest) {
                    narrow[n++] = k;
                } else {
                    others[o++] = k;
                }
            }
            double[] means = new double[equal];
            double[] factors = new double[equal];
            int[] start = new int[equal + 1];
            int boxes = 0;
            for (int i = 0; i < equal; i++) {
                means[i] = mu[narrow[i]];
                factors[i] = estimator.boundsFactor(narrow[i]);
                if (i == 0 || means[i] - means[start[boxes - 1]] > 2 * HALF_WIDTH * narrowest) {
                    start[boxes++] = i;
                }
            }
            start[boxes] = equal;
            start = Arrays.copyOf(start, boxes + 1);
            double[] low = new double[boxes];
            double[] high = new double[boxes];
            double[] centre = new double[boxes];
            double[] offset = new double[boxes];
            double[] growth = new double[boxes];
            double[] rounding = new double[boxes];
            double[] moments = new double[boxes * TERMS];
            for (int b = 0; b < boxes; b++) {
                low[b] = means[start[b]];
                high[b] = means[start[b + 1] - 1];
                centre[b] = low[b] + (high[b] - low[b]) / 2;
                double widest = 0;
                double total = 0;
                int i = start[b];
                int base = b * TERMS;
                // four kernels at a time, so that their chains of products run side by side
                for (; i + 4 <= start[b + 1]; i += 4) {
                    double v0 = (means[i] - centre[b]) / narrowest;
                    double v1 = (means[i + 1] - centre[b]) / narrowest;
                    double v2 = (means[i + 2] - centre[b]) / narrowest;
                    double v3 = (means[i + 3] - centre[b]) / narrowest;
                    widest = Math.max(
                            widest,
                            Math.max(Math.max(Math.abs(v0), Math.abs(v1)), Math.max(Math.abs(v2), Math.abs(v3))));
                    double t0 = factors[i] * FastExp.exp(-0.5 * v0 * v0);
                    double t1 = factors[i + 1] * FastExp.exp(-0.5 * v1 * v1);
                    double t2 = factors[i + 2] * FastExp.exp(-0.5 * v2 * v2);
                    double t3 = factors[i + 3] * FastExp.exp(-0.5 * v3 * v3);
                    total += (t0 + t1) + (t2 + t3);
                    for (int m = 0; m < TERMS; m++) {
                        moments[base + m] += (t0 + t1) + (t2 + t3);
                        t0 *= v0 * INVERSE[m + 1];
                        t1 *= v1 * INVERSE[m + 1];
                        t2 *= v2 * INVERSE[m + 1];
                        t3 *= v3 * INVERSE[m + 1];
                    }
                }
                for (; i < start[b + 1]; i++) {
                    double v = (means[i] - centre[b]) / narrowest;
                    widest = Math.max(widest, Math.abs(v));
                    double term = factors[i] * FastExp.exp(-0.5 * v * v);
                    total += term;
                    for (int m = 0; m < TERMS; m++) {
                        moments[base + m] += term;
                        term *= v * INVERSE[m + 1];
                    }
                }
                // |e^(t v) - its series| ≤ e^(|t v|)·R(|t v|), R the Taylor remainder's bound: with |t| ≤ 8 + widest
                // where a box is expanded, e^(|t v|) at most this; R is added per point, rounding here, generously
                offset[b] = widest;
                growth[b] = total * Math.exp((REACH + widest) * widest);
                rounding[b] = 1e-12 + 16 * (TERMS + start[b + 1] - start[b]) * 0x1p-53;
            }
            double[] factorsByKernel = new double[mu.length];
            for (int k : others) {
                factorsByKernel[k] = estimator.boundsFactor(k);
            }
            return new Boxes(
                    narrowest,
                    low,
                    high,
                    centre,
                    offset,
                    growth,
                    rounding,
                    moments,
                    start,
                    means,
                    factors,
                    new Bands(estimator, others, factorsByKernel));
        }

        /** The observation kernels' density at x, adding to {@code error[0]} a bound on the expansions' error. */
        double sum(double x, double[] error) {
            double density = rest.sum(x);
            double bound = 0;
            int b = lowerBound(high, 0, high.length, x - reach);
            for (; b < low.length && low[b] <= x + reach; b++) {
                double below = (x - low[b]) / sigma; // the box's kernels' z lie between these two
                double above = (x - high[b]) / sigma;
                if (above > REACH || below < -REACH) {
                    continue;
                }
                if (Math.abs(below) <= REACH && Math.abs(above) <= REACH) {
                    double t = (x - centre[b]) / sigma;
                    double t2 = t * t;
                    int base = b * TERMS;
                    // the series in even and odd powers, two chains side by side
                    double even = moments[base + TERMS - 2];
                    double odd = moments[base + TERMS - 1];
                    for (int m = TERMS - 4; m >= 0; m -= 2) {
                        even = even * t2 + moments[base + m];
                        odd = odd * t2 + moments[base + m + 1];
                    }
                    double gauss = FastExp.exp(-0.5 * t2);
                    density += gauss * (even + t * odd);
                    // the Taylor remainder: |t v|^TERMS / TERMS! / (1 - |t v| / (TERMS + 1))
                    double tv = Math.abs(t) * offset[b];
                    double tv2 = tv * tv;
                    double tv4 = tv2 * tv2;
                    double tv8 = tv4 * tv4;
                    double remainder = tv8 * tv8 * INVERSE_FACTORIAL / Math.max(1e-3, 1 - tv / (TERMS + 1));
                    bound += gauss * growth[b] * (remainder + rounding[b]);
                } else {
                    for (int i = start[b]; i < start[b + 1]; i++) {
                        double z = (x - means[i]) / sigma;
                        if (Math.abs(z) <= REACH) {
                            density += factors[i] * FastExp.exp(-0.5 * z * z);
                        }
                    }
                }
            }
            error[0] += bound * 2;
            return density;
        }
    }

    /**
     * The indices of {@code values} in ascending order of value (-0 and 0 equal), ties by index: a stable
     * least-significant-digit radix sort of the values' upper 32 bits (bytes all values share skipped), then an
     * insertion pass on the whole bits, which only moves values that share their upper 32 bits (rare but for
     * equal values, which it leaves in place).
     */
    static int[] sortedOrder(double[] values) {
        int n = values.length;
        long[] keys = new long[n];
        for (int k = 0; k < n; k++) {
            keys[k] = sortKey(values[k]);
        }
        return sortedOrder(keys, n);
    }

    /** A value as a key whose unsigned order is the values' order, -0 and 0 the same. */
    static long sortKey(double value) {
        long bits = Double.doubleToRawLongBits(value + 0.0); // -0 + 0 is 0
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    /** {@link #sortedOrder(double[])} of {@code n} keys (which it reorders). */
    static int[] sortedOrder(long[] keys, int n) {
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        if (n >= 48) {
            int[] counts = new int[4 * 256];
            for (int i = 0; i < n; i++) {
                int high = (int) (keys[i] >>> 32);
                counts[high & 0xff]++;
                counts[256 + ((high >>> 8) & 0xff)]++;
                counts[512 + ((high >>> 16) & 0xff)]++;
                counts[768 + (high >>> 24)]++;
            }
            long[] otherKeys = new long[n];
            int[] otherOrder = new int[n];
            for (int d = 0; d < 4; d++) {
                int shift = 32 + 8 * d;
                int base = 256 * d;
                if (counts[base + ((int) (keys[0] >>> shift) & 0xff)] == n) {
                    continue; // every key has this byte
                }
                int sum = 0;
                for (int v = 0; v < 256; v++) {
                    int c = counts[base + v];
                    counts[base + v] = sum;
                    sum += c;
                }
                for (int i = 0; i < n; i++) {
                    int at = counts[base + ((int) (keys[i] >>> shift) & 0xff)]++;
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
        }
        for (int i = 1; i < n; i++) {
            long key = keys[i];
            if (Long.compareUnsigned(keys[i - 1], key) <= 0) {
                continue;
            }
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
