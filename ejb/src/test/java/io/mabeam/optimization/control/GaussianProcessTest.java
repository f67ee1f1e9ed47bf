package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianProcessTest {

    private static final boolean[] ONE_NUMBER = {false};

    /** θ for λ = 1, σ² = 1 and noise variance {@code noise}. */
    private static double[] unitTheta(double noise) {
        return new double[] {0, 0, Math.log(noise - GaussianProcess.MINIMUM_NOISE)};
    }

    @Test
    void posteriorOfTwoPointsMatchesTheTwoByTwoFormulas() {
        double noise = 0.01;
        double[][] x = {{0}, {1}};
        double[] y = {1, -0.5};
        GaussianProcess gp = GaussianProcess.withTheta(x, ONE_NUMBER, y, unitTheta(noise));

        // by hand: K = [[c, a], [a, c]] with c = 1 + η, a = k(0, 1); K⁻¹ = [[c, −a], [−a, c]] / (c² − a²)
        double sqrt5 = Math.sqrt(5);
        double a = (1 + sqrt5 + 5.0 / 3) * Math.exp(-sqrt5);
        double c = 1 + noise;
        double det = c * c - a * a;
        double alpha0 = (c * y[0] - a * y[1]) / det;
        double alpha1 = (-a * y[0] + c * y[1]) / det;
        double b = (1 + sqrt5 * 0.5 + 5.0 / 3 * 0.25) * Math.exp(-sqrt5 * 0.5); // k(0.5, 0) = k(0.5, 1)
        double mean = b * alpha0 + b * alpha1;
        double variance = 1 - (b * b * c - 2 * a * b * b + b * b * c) / det;

        double[] moments = gp.meanAndVariance(new double[] {0.5});
        assertThat(moments[0]).isCloseTo(mean, within(1e-12));
        assertThat(moments[1]).isCloseTo(variance, within(1e-12));
        assertThat(gp.mean(new double[] {0.5})).isCloseTo(mean, within(1e-12));
        // at an observed point the posterior mean is pulled almost all the way to the observation
        assertThat(gp.meanAndVariance(new double[] {0})[0]).isCloseTo(y[0], within(0.02));
    }

    @Test
    void categoricalCoordinatesCompareByEqualityOnly() {
        boolean[] categorical = {true};
        double[][] x = {{0}, {3}};
        double[] y = {1, -1};
        GaussianProcess gp = GaussianProcess.withTheta(x, categorical, y, unitTheta(0.01));

        // choices 1 and 2 are equally far (Hamming distance 1) from both observations
        double[] one = gp.meanAndVariance(new double[] {1});
        double[] two = gp.meanAndVariance(new double[] {2});
        assertThat(one[0]).isCloseTo(two[0], within(1e-12));
        assertThat(one[1]).isCloseTo(two[1], within(1e-12));
        // different choices are at distance 1: with y antisymmetric, the mean at choice 3 is −(1 − a)/(1 − a + η)
        double a = GaussianProcess.matern(1);
        assertThat(gp.meanAndVariance(new double[] {3})[0]).isCloseTo(-(1 - a) / (1 - a + 0.01), within(1e-12));
    }

    @Test
    void gradientsOfMeanAndVarianceMatchFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(3);
        double[][] x = new double[12][3];
        double[] y = new double[12];
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < 3; d++) {
                x[i][d] = random.nextDouble();
            }
            y[i] = Math.sin(4 * x[i][0]) + x[i][1] * x[i][1] - x[i][2];
        }
        GaussianProcess gp =
                GaussianProcess.withTheta(x, new boolean[3], y, new double[] {1, 0.5, -0.5, 0.2, Math.log(1e-3)});
        double[] point = {0.3, 0.6, 0.45};
        double[] meanGradient = new double[3];
        double[] varianceGradient = new double[3];
        gp.meanAndVariance(point, new boolean[] {true, true, true}, meanGradient, varianceGradient);
        double h = 1e-6;
        for (int d = 0; d < 3; d++) {
            double[] up = point.clone();
            double[] down = point.clone();
            up[d] += h;
            down[d] -= h;
            double[] mu = gp.meanAndVariance(up);
            double[] md = gp.meanAndVariance(down);
            assertThat(meanGradient[d]).isCloseTo((mu[0] - md[0]) / (2 * h), within(1e-5));
            assertThat(varianceGradient[d]).isCloseTo((mu[1] - md[1]) / (2 * h), within(1e-5));
        }
    }

    @Test
    void fittedHyperparametersAreALocalMinimumOfTheNegativeLogPosterior() {
        SplittableRandom random = new SplittableRandom(5);
        double[][] x = new double[30][2];
        double[] y = new double[30];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = random.nextDouble();
            x[i][1] = random.nextDouble();
            y[i] = Math.sin(6 * x[i][0]) + 0.1 * x[i][1];
        }
        standardize(y);
        boolean[] numbers = new boolean[2];
        GaussianProcess gp = GaussianProcess.fit(x, numbers, y, GaussianProcess.defaultTheta(2), 200);
        double fitted = gp.negativeLogPosterior();
        double[] theta = gp.theta();
        assertThat(fitted)
                .isLessThan(GaussianProcess.withTheta(x, numbers, y, GaussianProcess.defaultTheta(2))
                        .negativeLogPosterior());
        for (int p = 0; p < theta.length; p++) {
            for (double step : new double[] {-0.05, 0.05}) {
                double[] moved = theta.clone();
                moved[p] += step;
                assertThat(GaussianProcess.withTheta(x, numbers, y, moved).negativeLogPosterior())
                        .as("θ[%d] %+.2f", p, step)
                        .isGreaterThanOrEqualTo(fitted - 1e-3);
            }
        }
        // x0 matters, x1 barely: the first inverse squared lengthscale is the larger
        assertThat(theta[0]).isGreaterThan(theta[1]);
    }

    @Test
    void choleskyInverseAndSolveAgree() {
        int n = 5;
        SplittableRandom random = new SplittableRandom(7);
        double[] b = new double[n * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextDouble() - 0.5;
        }
        double[] a = new double[n * n]; // B Bᵀ + I
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = GaussianProcess.dot(b, i * n, b, j * n, n) + (i == j ? 1 : 0);
            }
        }
        double[] l = a.clone();
        assertThat(GaussianProcess.choleskyInPlace(l, n)).isTrue();
        double[] inverse = GaussianProcess.inverseFromCholesky(l, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double product = 0;
                for (int k = 0; k < n; k++) {
                    product += a[i * n + k] * inverse[k * n + j];
                }
                assertThat(product).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
        double[] rhs = {1, 2, 3, 4, 5};
        double[] z = GaussianProcess.solve(l, n, rhs);
        for (int i = 0; i < n; i++) {
            assertThat(GaussianProcess.dot(a, i * n, z, 0, n)).isCloseTo(rhs[i], within(1e-12));
        }
    }

    private static void standardize(double[] y) {
        double mean = java.util.Arrays.stream(y).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(y)
                .map(v -> (v - mean) * (v - mean))
                .average()
                .orElseThrow());
        for (int i = 0; i < y.length; i++) {
            y[i] = (y[i] - mean) / sd;
        }
    }
}
