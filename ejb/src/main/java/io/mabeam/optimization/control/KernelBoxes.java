package io.mabeam.optimization.control;

import java.util.Arrays;

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
final class KernelBoxes {

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

    private KernelBoxes(
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
        this.reach = ParzenEstimator.REACH * sigma * (1 + 1e-9);
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
    static KernelBoxes of(ParzenEstimator estimator, int[] order) {
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
                        widest, Math.max(Math.max(Math.abs(v0), Math.abs(v1)), Math.max(Math.abs(v2), Math.abs(v3))));
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
            growth[b] = total * Math.exp((ParzenEstimator.REACH + widest) * widest);
            rounding[b] = 1e-12 + 16 * (TERMS + start[b + 1] - start[b]) * 0x1p-53;
        }
        double[] factorsByKernel = new double[mu.length];
        for (int k : others) {
            factorsByKernel[k] = estimator.boundsFactor(k);
        }
        return new KernelBoxes(
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
        int b = SortOrder.lowerBound(high, 0, high.length, x - reach);
        for (; b < low.length && low[b] <= x + reach; b++) {
            double below = (x - low[b]) / sigma; // the box's kernels' z lie between these two
            double above = (x - high[b]) / sigma;
            if (above > ParzenEstimator.REACH || below < -ParzenEstimator.REACH) {
                continue;
            }
            if (Math.abs(below) <= ParzenEstimator.REACH && Math.abs(above) <= ParzenEstimator.REACH) {
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
                    if (Math.abs(z) <= ParzenEstimator.REACH) {
                        density += factors[i] * FastExp.exp(-0.5 * z * z);
                    }
                }
            }
        }
        error[0] += bound * 2;
        return density;
    }

    /**
     * Some continuous observation kernels of a one-dimensional estimator grouped in bands by width (a band's
     * widths within a factor of two of each other, from the narrowest up), each band sorted by mean with the
     * reach of its widest kernel: a point's window in a band holds little more than the kernels that reach it.
     */
    static final class Bands {

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
                reach[band[i]] = Math.max(reach[band[i]], ParzenEstimator.REACH * sigma[k] * (1 + 1e-9));
            }
        }

        /** The kernels' density at x: those within their reach, summed band by band. */
        double sum(double x) {
            double density = 0;
            for (int b = 0; b + 1 < start.length; b++) {
                int from = SortOrder.lowerBound(means, start[b], start[b + 1], x - reach[b]);
                int to = SortOrder.lowerBound(means, from, start[b + 1], x + reach[b]);
                for (int i = from; i < to; i++) {
                    double z = (x - means[i]) / widths[i];
                    if (Math.abs(z) <= ParzenEstimator.REACH) {
                        density += factors[i] * FastExp.exp(-0.5 * z * z);
                    }
                }
            }
            return density;
        }
    }
}
