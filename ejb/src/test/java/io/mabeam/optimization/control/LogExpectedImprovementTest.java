package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogExpectedImprovementTest {

    @Test
    void matchesTheClosedFormWhereItIsAccurate() {
        for (double z : new double[] {-5, -2, -0.5, 0, 0.7, 3}) {
            double h = z * Gaussian.cdf(z) + Gaussian.density(z);
            assertThat(LogExpectedImprovement.logH(z)).isCloseTo(Math.log(h), within(1e-6));
        }
        // EI of N(0, 1) against 0 is φ(0)
        assertThat(LogExpectedImprovement.of(0, 1, 0)).isCloseTo(Math.log(Gaussian.density(0)), within(1e-9));
    }

    @Test
    void staysFiniteAndSmoothFarBelowTheIncumbent() {
        double previous = Double.NEGATIVE_INFINITY;
        for (double z = -1e4; z < 5; z += z < -50 ? 97.3 : 0.37) {
            double value = LogExpectedImprovement.logH(z);
            assertThat(value).as("log h(%s)", z).isFinite().isGreaterThan(previous);
            assertThat(LogExpectedImprovement.slope(z))
                    .as("slope at %s", z)
                    .isFinite()
                    .isPositive();
            previous = value;
        }
        // log h(z) ≈ −z²/2 − log √(2π) − 2 log |z| far out
        double z = -1000;
        assertThat(LogExpectedImprovement.logH(z))
                .isCloseTo(-0.5 * z * z - 0.5 * Math.log(2 * Math.PI) - 2 * Math.log(-z), within(1e-5));
    }

    @Test
    void isContinuousWhereTheAsymptoticSeriesTakesOver() {
        double at = LogExpectedImprovement.ASYMPTOTIC_BELOW;
        assertThat(LogExpectedImprovement.logH(at - 1e-9)).isCloseTo(LogExpectedImprovement.logH(at), within(1e-5));
        assertThat(LogExpectedImprovement.slope(at - 1e-9)).isCloseTo(LogExpectedImprovement.slope(at), within(1e-4));
    }

    @Test
    void slopeIsTheDerivative() {
        for (double z : new double[] {-300, -30, -8, -1, 0, 2}) {
            double h = 1e-5 * Math.max(1, Math.abs(z));
            double numeric = (LogExpectedImprovement.logH(z + h) - LogExpectedImprovement.logH(z - h)) / (2 * h);
            assertThat(LogExpectedImprovement.slope(z)).isCloseTo(numeric, within(1e-4 * Math.max(1, Math.abs(z))));
        }
    }
}
