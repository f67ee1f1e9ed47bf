package io.mabeam.optimization.control;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One CMA-ES run's search distribution, N(mean, sigma² C), in the unit cube, with the constants of Hansen's
 * tutorial ("The CMA Evolution Strategy: A Tutorial", 2016) as the cmaes library (0.x, under Optuna's
 * CmaEsSampler) sets them: negative weights for the worse half (active CMA), cumulative step-size adaptation,
 * rank-one plus rank-mu covariance update, and the library's stopping criteria.
 *
 * <p>A state is never changed once built: {@link #tell} answers the next generation's state, so replayed
 * states can be cached and shared. Coordinates of discrete variables may be sampled stretched away from the
 * mean (see {@link CmaEsSampler}); {@link #sample} and {@link #tell} take that stretch, one factor per
 * coordinate, 1 for continuous ones.
 */
final class CmaEsState {

    private static final double EPS = 1e-8;
    private static final double SIGMA_MAX = 1e32;
    private static final double TOL_FUN = 1e-12;
    private static final double TOL_X_UP = 1e4;
    private static final double TOL_CONDITION = 1e14;
    private static final int MAX_RESAMPLING = 100;

    final int n;
    final int lambda;
    private final int mu;
    private final double[] weights;
    private final double muEff;
    private final double cSigma;
    private final double dSigma;
    private final double cc;
    private final double c1;
    private final double cMu;
    private final double chiN;
    private final double sigma0;
    private final double tolX;
    private final int funHistoryTerm;

    final double[] mean;
    final double sigma;
    final double[][] cov;
    private final double[] pc;
    private final double[] pSigma;
    private final double[][] eigenVectors;
    private final double[] eigenRoots; // square roots of C's eigenvalues
    final int generation;
    private final double[] funHistory;

    /** A fresh run from {@code mean} with step size {@code sigma}, identity covariance. */
    static CmaEsState start(double[] mean, double sigma, int lambda) {
        int n = mean.length;
        double[][] identity = new double[n][n];
        for (int i = 0; i < n; i++) {
            identity[i][i] = 1;
        }
        int term = 10 + (int) Math.ceil(30.0 * n / lambda);
        return new CmaEsState(
                mean.clone(), sigma, identity, new double[n], new double[n], 0, new double[2 * term], lambda, sigma);
    }

    private CmaEsState(
            double[] mean,
            double sigma,
            double[][] cov,
            double[] pc,
            double[] pSigma,
            int generation,
            double[] funHistory,
            int lambda,
            double sigma0) {
        this.n = mean.length;
        this.lambda = lambda;
        this.mu = lambda / 2;
        this.mean = mean;
        this.sigma = sigma;
        this.pc = pc;
        this.pSigma = pSigma;
        this.generation = generation;
        this.funHistory = funHistory;
        this.funHistoryTerm = funHistory.length / 2;
        this.sigma0 = sigma0;
        this.tolX = 1e-12 * sigma0;

        double[] raw = new double[lambda];
        for (int i = 0; i < lambda; i++) {
            raw[i] = Math.log((lambda + 1) / 2.0) - Math.log(i + 1);
        }
        this.muEff = squaredSumOverSumOfSquares(raw, 0, mu);
        double muEffMinus = squaredSumOverSumOfSquares(raw, mu, lambda);
        double alphaCov = 2;
        this.c1 = alphaCov / ((n + 1.3) * (n + 1.3) + muEff);
        this.cMu = Math.min(
                1 - c1 - 1e-8, alphaCov * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + alphaCov * muEff / 2));
        double minAlpha =
                Math.min(1 + c1 / cMu, Math.min(1 + 2 * muEffMinus / (muEff + 2), (1 - c1 - cMu) / (n * cMu)));
        double positiveSum = 0;
        double negativeSum = 0;
        for (double w : raw) {
            if (w > 0) {
                positiveSum += w;
            } else {
                negativeSum -= w;
            }
        }
        this.weights = new double[lambda];
        for (int i = 0; i < lambda; i++) {
            weights[i] = raw[i] >= 0 ? raw[i] / positiveSum : minAlpha * raw[i] / negativeSum;
        }
        this.cSigma = (muEff + 2) / (n + muEff + 5);
        this.dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
        this.cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        this.chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));

        // C symmetrised and made positive definite, as the library does before each use
        double[][] symmetric = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                symmetric[i][j] = (cov[i][j] + cov[j][i]) / 2;
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(symmetric);
        this.eigenVectors = eigen.vectors;
        this.eigenRoots = new double[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = eigen.values[i] < 0 ? EPS : eigen.values[i];
            eigenRoots[i] = Math.sqrt(values[i]);
        }
        this.cov = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += eigenVectors[i][k] * values[k] * eigenVectors[j][k];
                }
                this.cov[i][j] = sum;
            }
        }
    }

    private static double squaredSumOverSumOfSquares(double[] w, int from, int to) {
        double sum = 0;
        double squares = 0;
        for (int i = from; i < to; i++) {
            sum += w[i];
            squares += w[i] * w[i];
        }
        return squares == 0 ? 0 : sum * sum / squares;
    }

    /** The standard deviation of coordinate {@code i} before any stretch. */
    double marginalDeviation(int i) {
        return sigma * Math.sqrt(cov[i][i]);
    }

    /**
     * A candidate in [0, 1]ⁿ: resampled while it falls outside the cube, then clipped into it after {@value
     * MAX_RESAMPLING} tries, as the cmaes library repairs.
     */
    double[] sample(SplittableRandom random, double[] stretch) {
        for (int attempt = 0; attempt < MAX_RESAMPLING; attempt++) {
            double[] x = draw(random, stretch);
            if (inUnitCube(x)) {
                return x;
            }
        }
        double[] x = draw(random, stretch);
        for (int i = 0; i < n; i++) {
            x[i] = Math.min(1, Math.max(0, x[i]));
        }
        return x;
    }

    private double[] draw(SplittableRandom random, double[] stretch) {
        double[] scaled = new double[n];
        for (int k = 0; k < n; k++) {
            scaled[k] = eigenRoots[k] * random.nextGaussian();
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double y = 0;
            for (int k = 0; k < n; k++) {
                y += eigenVectors[i][k] * scaled[k];
            }
            x[i] = mean[i] + sigma * stretch[i] * y;
        }
        return x;
    }

    private static boolean inUnitCube(double[] x) {
        for (double value : x) {
            if (!(value >= 0 && value <= 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The next generation's state after the evaluated {@code ranked} candidates, best first (exactly {@link
     * #lambda} of them), sampled with {@code stretch}.
     */
    CmaEsState tell(List<double[]> ranked, double bestLoss, double worstLoss, double[] stretch) {
        if (ranked.size() != lambda) {
            throw new IllegalArgumentException("a generation tells " + lambda + " candidates, not " + ranked.size());
        }
        int nextGeneration = generation + 1;
        double[] history = funHistory.clone();
        int slot = 2 * (nextGeneration % funHistoryTerm);
        history[slot] = bestLoss;
        history[slot + 1] = worstLoss;

        // steps y_k = (x_k - m) / (sigma * stretch): the stretch widens the sample, not the distribution
        double[][] y = new double[lambda][n];
        for (int k = 0; k < lambda; k++) {
            for (int i = 0; i < n; i++) {
                y[k][i] = (ranked.get(k)[i] - mean[i]) / (sigma * stretch[i]);
            }
        }
        double[] nextMean = mean.clone();
        double[] yw = new double[n];
        for (int k = 0; k < mu; k++) {
            for (int i = 0; i < n; i++) {
                yw[i] += weights[k] * y[k][i];
                nextMean[i] += weights[k] * (ranked.get(k)[i] - mean[i]); // cm = 1
            }
        }

        double[] inverseRootYw = inverseRootTimes(yw);
        double[] nextPSigma = new double[n];
        double sigmaPathFactor = Math.sqrt(cSigma * (2 - cSigma) * muEff);
        double pSigmaNormSquared = 0;
        for (int i = 0; i < n; i++) {
            nextPSigma[i] = (1 - cSigma) * pSigma[i] + sigmaPathFactor * inverseRootYw[i];
            pSigmaNormSquared += nextPSigma[i] * nextPSigma[i];
        }
        double pSigmaNorm = Math.sqrt(pSigmaNormSquared);
        double nextSigma = Math.min(SIGMA_MAX, sigma * Math.exp((cSigma / dSigma) * (pSigmaNorm / chiN - 1)));

        double hSigmaLeft = pSigmaNorm / Math.sqrt(1 - Math.pow(1 - cSigma, 2.0 * (nextGeneration + 1)));
        double hSigma = hSigmaLeft < (1.4 + 2.0 / (n + 1)) * chiN ? 1 : 0;
        double[] nextPc = new double[n];
        double pcFactor = hSigma * Math.sqrt(cc * (2 - cc) * muEff);
        for (int i = 0; i < n; i++) {
            nextPc[i] = (1 - cc) * pc[i] + pcFactor * yw[i];
        }

        double[] weightsIo = new double[lambda];
        double weightSum = 0;
        for (int k = 0; k < lambda; k++) {
            weightSum += weights[k];
            if (weights[k] >= 0) {
                weightsIo[k] = weights[k];
            } else {
                double[] whitened = inverseRootTimes(y[k]);
                double normSquared = 0;
                for (double value : whitened) {
                    normSquared += value * value;
                }
                weightsIo[k] = weights[k] * n / (normSquared + EPS);
            }
        }
        double deltaHSigma = (1 - hSigma) * cc * (2 - cc);
        double keep = 1 + c1 * deltaHSigma - c1 - cMu * weightSum;
        double[][] nextCov = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double rankMu = 0;
                for (int k = 0; k < lambda; k++) {
                    rankMu += weightsIo[k] * y[k][i] * y[k][j];
                }
                nextCov[i][j] = keep * cov[i][j] + c1 * nextPc[i] * nextPc[j] + cMu * rankMu;
            }
        }
        return new CmaEsState(
                nextMean, nextSigma, nextCov, nextPc, nextPSigma, nextGeneration, history, lambda, sigma0);
    }

    /** C^(-1/2) v. */
    private double[] inverseRootTimes(double[] v) {
        double[] projected = new double[n];
        for (int k = 0; k < n; k++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += eigenVectors[i][k] * v[i];
            }
            projected[k] = sum / eigenRoots[k];
        }
        double[] result = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += eigenVectors[i][k] * projected[k];
            }
            result[i] = sum;
        }
        return result;
    }

    /**
     * Whether the run has converged or degenerated, by the cmaes library's criteria: flat recent function
     * values (tolfun), a distribution smaller than tolx in every coordinate, divergence (tolxup), no effect
     * of a coordinate or principal axis on the mean, or an ill-conditioned covariance.
     */
    boolean shouldStop() {
        if (generation > funHistoryTerm) {
            double max = Arrays.stream(funHistory).max().orElse(0);
            double min = Arrays.stream(funHistory).min().orElse(0);
            if (max - min < TOL_FUN) {
                return true;
            }
        }
        boolean allSmall = true;
        for (int i = 0; i < n; i++) {
            if (!(sigma * Math.sqrt(cov[i][i]) < tolX && sigma * Math.abs(pc[i]) < tolX)) {
                allSmall = false;
                break;
            }
        }
        if (allSmall) {
            return true;
        }
        double maxRoot = Arrays.stream(eigenRoots).max().orElse(0);
        double minRoot = Arrays.stream(eigenRoots).min().orElse(0);
        if (sigma * maxRoot > TOL_X_UP) {
            return true;
        }
        for (int i = 0; i < n; i++) {
            if (mean[i] == mean[i] + 0.2 * sigma * Math.sqrt(cov[i][i])) {
                return true;
            }
        }
        int axis = generation % n;
        boolean axisHasNoEffect = true;
        for (int i = 0; i < n; i++) {
            if (mean[i] != mean[i] + 0.1 * sigma * eigenRoots[axis] * eigenVectors[i][axis]) {
                axisHasNoEffect = false;
                break;
            }
        }
        if (axisHasNoEffect) {
            return true;
        }
        return maxRoot / minRoot > TOL_CONDITION;
    }
}
