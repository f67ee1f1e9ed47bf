package io.mabeam.optimization.control;

import java.util.Arrays;

/**
 * Gaussian-process regression with a Matérn-5/2 ARD kernel, as Optuna's GPSampler fits it (optuna/_gp/gp.py):
 *
 * <pre>k(x, x') = σ² (1 + √5 r + 5r²/3) exp(−√5 r),   r² = Σ_d λ_d δ_d²</pre>
 *
 * where δ_d is the difference of numeric coordinates and, for a categorical coordinate (a choice's index),
 * 0 when the choices agree and 1 otherwise (a Hamming-style kernel). The observations carry Gaussian noise of
 * variance η ≥ {@value #MINIMUM_NOISE}. The hyperparameters (inverse squared lengthscales λ, signal variance
 * σ², noise variance η) maximize the log marginal likelihood plus Optuna's weak prior
 *
 * <pre>−Σ_d (0.1/λ_d + 0.1 λ_d) + log Gamma(σ²; 2, 1) + log Gamma(η; 1.1, 30)</pre>
 *
 * by {@link BoundedLbfgs} over θ = (log λ, log σ², log(η − η_min)), with the analytic gradient
 * ½ tr((ααᵀ − K⁻¹) ∂K/∂θ) from the Cholesky factor. The outputs are expected standardized (mean 0, sd 1).
 *
 * <p>Once fitted, the process answers the posterior mean and variance of the noiseless function at new
 * points, with their gradients in the numeric coordinates for the acquisition's local search.
 */
final class GaussianProcess {

    static final double MINIMUM_NOISE = 1e-6;
    private static final double SQRT5 = Math.sqrt(5);
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double LOWEST_LOG = -12;
    private static final double HIGHEST_LOG = 12;

    private final double[][] x;
    private final boolean[] categorical;
    private final int n;
    private final int dimension;
    private final double[] theta;
    private final double[] lambda;
    private final double signal;
    private final double[] cholesky; // lower triangle, row-major n × n
    private final double[] inverse; // K⁻¹, full, row-major
    private final double[] alpha; // K⁻¹ y
    private final double negativeLogPosterior;

    private GaussianProcess(double[][] x, boolean[] categorical, double[] theta, Fit fit) {
        this.x = x;
        this.categorical = categorical;
        this.n = x.length;
        this.dimension = categorical.length;
        this.theta = theta.clone();
        this.lambda = new double[dimension];
        for (int d = 0; d < dimension; d++) {
            lambda[d] = Math.exp(theta[d]);
        }
        this.signal = Math.exp(theta[dimension]);
        this.cholesky = fit.cholesky;
        this.inverse = fit.inverse;
        this.alpha = fit.alpha;
        this.negativeLogPosterior = fit.value;
    }

    /** The starting hyperparameters without a previous fit: λ = 1, σ² = 1, η = 0.01 (θ in log space). */
    static double[] defaultTheta(int dimension) {
        double[] theta = new double[dimension + 2];
        theta[dimension + 1] = Math.log(0.01 - MINIMUM_NOISE);
        return theta;
    }

    /**
     * Fits the hyperparameters from {@code start} (θ of a previous fit, or {@link #defaultTheta}) and returns the
     * process conditioned on the data.
     *
     * @param x the inputs, numeric coordinates in [0, 1], categorical ones the choice's index
     * @param y standardized outputs
     */
    static GaussianProcess fit(double[][] x, boolean[] categorical, double[] y, double[] start, int maxIterations) {
        Likelihood likelihood = new Likelihood(x, categorical, y);
        int p = start.length;
        double[] lower = new double[p];
        double[] upper = new double[p];
        Arrays.fill(lower, LOWEST_LOG);
        Arrays.fill(upper, HIGHEST_LOG);
        lower[p - 1] = Math.log(1e-12);
        upper[p - 1] = Math.log(10);
        BoundedLbfgs.Result result =
                BoundedLbfgs.minimize(likelihood::valueAndGradient, start, lower, upper, maxIterations, 1e-2);
        double[] theta = result.x();
        Fit fit = likelihood.factorize(theta);
        if (fit == null) {
            theta = defaultTheta(categorical.length);
            fit = likelihood.factorize(theta);
        }
        if (fit == null) {
            throw new IllegalStateException("the kernel matrix is not positive definite even with default noise");
        }
        return new GaussianProcess(x, categorical, theta, fit);
    }

    /** The conditioned process with given hyperparameters θ, not fitted (for tests). */
    static GaussianProcess withTheta(double[][] x, boolean[] categorical, double[] y, double[] theta) {
        Fit fit = new Likelihood(x, categorical, y).factorize(theta);
        return new GaussianProcess(x, categorical, theta, fit);
    }

    /** θ = (log λ_1 … log λ_D, log σ², log(η − η_min)) as fitted. */
    double[] theta() {
        return theta.clone();
    }

    /** The negative log marginal likelihood minus the log prior at the fitted θ. */
    double negativeLogPosterior() {
        return negativeLogPosterior;
    }

    /** The Matérn-5/2 correlation at squared distance {@code r2} (σ² = 1). */
    static double matern(double r2) {
        double r = Math.sqrt(r2);
        return (1 + SQRT5 * r + 5.0 / 3 * r2) * Math.exp(-SQRT5 * r);
    }

    /** d matern / d r², finite at r = 0: −(5/6)(1 + √5 r) exp(−√5 r). */
    static double maternSlope(double r2) {
        double r = Math.sqrt(r2);
        return -5.0 / 6 * (1 + SQRT5 * r) * Math.exp(-SQRT5 * r);
    }

    private double squaredDistance(double[] a, double[] b) {
        double r2 = 0;
        for (int d = 0; d < dimension; d++) {
            double delta = categorical[d] ? (a[d] == b[d] ? 0 : 1) : a[d] - b[d];
            r2 += lambda[d] * delta * delta;
        }
        return r2;
    }

    /** The prior variance of f (the signal variance σ²), which bounds the posterior variance. */
    double priorVariance() {
        return signal;
    }

    /** The posterior mean of f at {@code point}, in O(n). */
    double mean(double[] point) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += signal * matern(squaredDistance(point, x[i])) * alpha[i];
        }
        return mean;
    }

    /** The posterior mean and variance of f at {@code point} (no gradient): two entries. */
    double[] meanAndVariance(double[] point) {
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = signal * matern(squaredDistance(point, x[i]));
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += k[i] * alpha[i];
        }
        // v = L⁻¹ k by forward substitution; variance = σ² − |v|²
        double explained = 0;
        for (int r = 0; r < n; r++) {
            int row = r * n;
            double v = (k[r] - dot(cholesky, row, k, 0, r)) / cholesky[row + r];
            k[r] = v;
            explained += v * v;
        }
        return new double[] {mean, Math.max(0, signal - explained)};
    }

    /**
     * The posterior mean and variance at {@code point}, and their gradients in the coordinates {@code free}
     * (numeric ones) written into {@code meanGradient} and {@code varianceGradient}.
     */
    double[] meanAndVariance(double[] point, boolean[] free, double[] meanGradient, double[] varianceGradient) {
        double[] k = new double[n];
        double[] slope = new double[n];
        for (int i = 0; i < n; i++) {
            double r2 = squaredDistance(point, x[i]);
            k[i] = signal * matern(r2);
            slope[i] = signal * maternSlope(r2);
        }
        double[] w = new double[n]; // K⁻¹ k
        double mean = 0;
        double explained = 0;
        for (int i = 0; i < n; i++) {
            double sum = dot(inverse, i * n, k, 0, n);
            w[i] = sum;
            mean += k[i] * alpha[i];
            explained += k[i] * sum;
        }
        Arrays.fill(meanGradient, 0);
        Arrays.fill(varianceGradient, 0);
        for (int d = 0; d < dimension; d++) {
            if (!free[d]) {
                continue;
            }
            double dm = 0;
            double dv = 0;
            for (int i = 0; i < n; i++) {
                double dk = slope[i] * 2 * lambda[d] * (point[d] - x[i][d]);
                dm += alpha[i] * dk;
                dv -= 2 * w[i] * dk;
            }
            meanGradient[d] = dm;
            varianceGradient[d] = dv;
        }
        return new double[] {mean, Math.max(0, signal - explained)};
    }

    // ---- fitting ------------------------------------------------------------------------------------------

    /** A factorized kernel matrix at some θ and the objective there. */
    private static final class Fit {
        double[] cholesky;
        double[] inverse;
        double[] alpha;
        double value;
    }

    /** The negative log posterior of θ and its gradient. */
    private static final class Likelihood {
        private final double[][] x;
        private final boolean[] categorical;
        private final double[] y;
        private final int n;
        private final int dimension;
        private final double[][] squaredDifferences; // [d][i * n + j], i > j

        Likelihood(double[][] x, boolean[] categorical, double[] y) {
            this.x = x;
            this.categorical = categorical;
            this.y = y;
            this.n = x.length;
            this.dimension = categorical.length;
            this.squaredDifferences = new double[dimension][n * n];
            for (int d = 0; d < dimension; d++) {
                double[] sq = squaredDifferences[d];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < i; j++) {
                        double delta = categorical[d] ? (x[i][d] == x[j][d] ? 0 : 1) : x[i][d] - x[j][d];
                        sq[i * n + j] = delta * delta;
                    }
                }
            }
        }

        /** The kernel matrix (lower triangle with diagonal), and the slope dk/dr² beside it. */
        private double[] kernel(double[] theta, double[] slopeOut, double[] noiselessOut) {
            double signal = Math.exp(theta[dimension]);
            double noise = Math.exp(theta[dimension + 1]) + MINIMUM_NOISE;
            double[] lambda = new double[dimension];
            for (int d = 0; d < dimension; d++) {
                lambda[d] = Math.exp(theta[d]);
            }
            double[] k = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    int at = i * n + j;
                    double r2 = 0;
                    for (int d = 0; d < dimension; d++) {
                        r2 += lambda[d] * squaredDifferences[d][at];
                    }
                    double r = Math.sqrt(r2);
                    double decay = signal * Math.exp(-SQRT5 * r);
                    double value = (1 + SQRT5 * r + 5.0 / 3 * r2) * decay;
                    k[at] = value;
                    k[j * n + i] = value;
                    if (slopeOut != null) {
                        slopeOut[at] = -5.0 / 6 * (1 + SQRT5 * r) * decay;
                        noiselessOut[at] = value;
                    }
                }
                k[i * n + i] = signal + noise;
                if (noiselessOut != null) {
                    noiselessOut[i * n + i] = signal;
                }
            }
            return k;
        }

        Fit factorize(double[] theta) {
            double[] l = kernel(theta, null, null);
            if (!choleskyInPlace(l, n)) {
                return null;
            }
            Fit fit = new Fit();
            fit.cholesky = l;
            fit.alpha = solve(l, n, y);
            fit.inverse = inverseFromCholesky(l, n);
            fit.value = dataTerm(l, fit.alpha) - logPrior(theta, null);
            return fit;
        }

        private double dataTerm(double[] l, double[] alpha) {
            double value = 0.5 * n * LOG_2PI;
            for (int i = 0; i < n; i++) {
                value += 0.5 * y[i] * alpha[i] + Math.log(l[i * n + i]);
            }
            return value;
        }

        double valueAndGradient(double[] theta, double[] gradient) {
            double[] slope = new double[n * n];
            double[] noiseless = new double[n * n];
            double[] l = kernel(theta, slope, noiseless);
            if (!choleskyInPlace(l, n)) {
                Arrays.fill(gradient, 0);
                return Double.POSITIVE_INFINITY;
            }
            double[] alpha = solve(l, n, y);
            double[] inverse = inverseFromCholesky(l, n);
            double value = dataTerm(l, alpha);
            // ∂(−log p(y|θ))/∂θ = −½ tr(W ∂K/∂θ), W = ααᵀ − K⁻¹ (symmetric: off-diagonal pairs count twice)
            Arrays.fill(gradient, 0);
            double noise = Math.exp(theta[dimension + 1]);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    int at = i * n + j;
                    double w = 2 * (alpha[i] * alpha[j] - inverse[at]);
                    double ws = w * slope[at];
                    for (int d = 0; d < dimension; d++) {
                        gradient[d] += ws * squaredDifferences[d][at];
                    }
                    gradient[dimension] += w * noiseless[at];
                }
                double w = alpha[i] * alpha[i] - inverse[i * n + i];
                gradient[dimension] += w * noiseless[i * n + i];
                gradient[dimension + 1] += w * noise;
            }
            for (int d = 0; d < dimension; d++) {
                gradient[d] *= -0.5 * Math.exp(theta[d]);
            }
            gradient[dimension] *= -0.5;
            gradient[dimension + 1] *= -0.5;
            double[] priorGradient = new double[theta.length];
            value -= logPrior(theta, priorGradient);
            for (int p = 0; p < theta.length; p++) {
                gradient[p] -= priorGradient[p];
            }
            return value;
        }

        /** Optuna's prior on the kernel parameters, in θ; its gradient in θ into {@code gradient} if given. */
        private double logPrior(double[] theta, double[] gradient) {
            double value = 0;
            for (int d = 0; d < dimension; d++) {
                double lambda = Math.exp(theta[d]);
                value -= 0.1 / lambda + 0.1 * lambda;
                if (gradient != null) {
                    gradient[d] = 0.1 / lambda - 0.1 * lambda;
                }
            }
            double signal = Math.exp(theta[dimension]);
            value += Math.log(signal) - signal; // Gamma(2, 1)
            double excess = Math.exp(theta[dimension + 1]);
            double noise = excess + MINIMUM_NOISE;
            value += 0.1 * Math.log(noise) - 30 * noise; // Gamma(1.1, 30)
            if (gradient != null) {
                gradient[dimension] = 1 - signal;
                gradient[dimension + 1] = (0.1 / noise - 30) * excess;
            }
            return value;
        }
    }

    // ---- dense linear algebra on row-major n × n arrays ---------------------------------------------------

    /** Replaces the lower triangle of symmetric positive definite {@code a} by its Cholesky factor. */
    static boolean choleskyInPlace(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            int rowJ = j * n;
            double diagonal = a[rowJ + j] - dot(a, rowJ, a, rowJ, j);
            if (!(diagonal > 0)) {
                return false;
            }
            double root = Math.sqrt(diagonal);
            a[rowJ + j] = root;
            for (int i = j + 1; i < n; i++) {
                int rowI = i * n;
                a[rowI + j] = (a[rowI + j] - dot(a, rowI, a, rowJ, j)) / root;
            }
        }
        return true;
    }

    /** Σ a[aFrom + k] b[bFrom + k] for k < length, in four independent sums so the CPU can overlap them. */
    static double dot(double[] a, int aFrom, double[] b, int bFrom, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < length; k += 4) {
            s0 += a[aFrom + k] * b[bFrom + k];
            s1 += a[aFrom + k + 1] * b[bFrom + k + 1];
            s2 += a[aFrom + k + 2] * b[bFrom + k + 2];
            s3 += a[aFrom + k + 3] * b[bFrom + k + 3];
        }
        for (; k < length; k++) {
            s0 += a[aFrom + k] * b[bFrom + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Solves L Lᵀ z = b. */
    static double[] solve(double[] l, int n, double[] b) {
        double[] z = b.clone();
        for (int i = 0; i < n; i++) {
            int row = i * n;
            z[i] = (z[i] - dot(l, row, z, 0, i)) / l[row + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double sum = z[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k * n + i] * z[k];
            }
            z[i] = sum / l[i * n + i];
        }
        return z;
    }

    /** (L Lᵀ)⁻¹ = L⁻ᵀ L⁻¹, through M = (L⁻¹)ᵀ kept row-major so every inner loop runs along a row. */
    static double[] inverseFromCholesky(double[] l, int n) {
        double[] m = new double[n * n]; // m[c * n + r] = (L⁻¹)[r][c], r ≥ c
        for (int c = 0; c < n; c++) {
            int rowC = c * n;
            m[rowC + c] = 1 / l[c * n + c];
            for (int r = c + 1; r < n; r++) {
                int rowR = r * n;
                m[rowC + r] = -dot(l, rowR + c, m, rowC + c, r - c) / l[rowR + r];
            }
        }
        double[] inverse = new double[n * n];
        for (int i = 0; i < n; i++) {
            int rowI = i * n;
            for (int j = 0; j <= i; j++) {
                int rowJ = j * n;
                double sum = dot(m, rowI + i, m, rowJ + i, n - i); // (L⁻¹)[k][i] is zero for k < i
                inverse[rowI + j] = sum;
                inverse[rowJ + i] = sum;
            }
        }
        return inverse;
    }
}
