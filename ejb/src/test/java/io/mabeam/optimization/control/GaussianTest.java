package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class GaussianTest {

    @Test
    void distributionFunctionMatchesKnownValuesAlsoFarInTheTail() {
        assertThat(Gaussian.cdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(Gaussian.cdf(1.959963984540054)).isCloseTo(0.975, within(1e-7));
        assertThat(Gaussian.cdf(-3)).isCloseTo(0.0013498980316301, Percentage.withPercentage(1e-4));
        // Φ(-10) = 7.6198530241605e-24: relative precision kept where kernels far from a point live
        assertThat(Gaussian.cdf(-10)).isCloseTo(7.6198530241605e-24, Percentage.withPercentage(1e-4));
    }

    @Property(tries = 300)
    void inverseUndoesTheDistributionFunction(@ForAll @DoubleRange(min = -8, max = 5) double z) {
        // above 5, 1 - Φ(z) is below what a double near 1 resolves; samplers mirror onto the lower tail there
        assertThat(Gaussian.inverseCdf(Gaussian.cdf(z))).isCloseTo(z, within(1e-5 * Math.max(1, Math.abs(z))));
    }

    @Property(tries = 200)
    void truncatedDrawsStayInTheirInterval(
            @ForAll @DoubleRange(min = -5, max = 5) double mu,
            @ForAll @DoubleRange(min = 0.01, max = 10) double sigma,
            @ForAll @DoubleRange(min = -3, max = 3) double low,
            @ForAll @DoubleRange(min = 0.01, max = 4) double width) {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20; i++) {
            assertThat(Gaussian.truncated(random, mu, sigma, low, low + width)).isBetween(low, low + width);
        }
    }

    @Test
    void truncatedDrawsFollowTheirDistribution() {
        // N(0, 1) on [1, 2]: mean = (φ(1) - φ(2)) / (Φ(2) - Φ(1)) = 1.3832
        SplittableRandom random = new SplittableRandom(1);
        double sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            sum += Gaussian.truncated(random, 0, 1, 1, 2);
        }
        assertThat(sum / n).isCloseTo(1.3832, within(0.005));
        // far in the tail, where naive inversion would return the interval's end
        double tail = Gaussian.truncated(random, 0, 1, 9, 9.5);
        assertThat(tail).isBetween(9.0, 9.5).isNotEqualTo(9.5);
    }

    /** The mass as computed before the tails were skipped: both distribution functions, always. */
    private static double massOfBothTails(double a, double b) {
        return a > 0 ? Gaussian.cdf(-a) - Gaussian.cdf(-b) : Gaussian.cdf(b) - Gaussian.cdf(a);
    }

    @Property(tries = 3000)
    void skippingTailsBeyondNineDeviationsChangesNoBit(
            @ForAll @DoubleRange(min = -60, max = 60) double a, @ForAll @DoubleRange(min = 0, max = 80) double width) {
        double b = a + width;
        assertThat(Gaussian.mass(a, b)).isEqualTo(massOfBothTails(a, b));
    }

    @Test
    void skippingTailsChangesNoBitOnAFineGridNearTheThresholds() {
        for (int i = 0; i <= 20_000; i++) {
            double a = -12 + 12.0 * i / 20_000;
            for (double b : new double[] {0, 1e-9, 0.3, 1, 4, 8.9, 9, 9.000001, 9.5, 12, 40}) {
                assertThat(Gaussian.mass(a, b)).as("[%s, %s]", a, b).isEqualTo(massOfBothTails(a, b));
            }
            double b = 9 + 3.0 * i / 20_000;
            assertThat(Gaussian.cdfForDensity(b)).isEqualTo(1.0);
            assertThat(Gaussian.cdf(b)).isEqualTo(1.0);
        }
    }

    @Property(tries = 2000)
    void theDensitiesDistributionFunctionIsTheDrawsUpToRounding(@ForAll @DoubleRange(min = -37, max = 37) double z) {
        // the same fit, rounded differently: e^(-z²/2 + …) amplifies rounding by up to z²/2 ulps in the tails
        double exact = Gaussian.cdf(z);
        assertThat(Math.abs(Gaussian.cdfForDensity(z) - exact)).isLessThanOrEqualTo(1e-12 * exact);
    }

    @Property(tries = 3000)
    void massForBoundsIsTheMassWithinATrillionthAcrossTheMean(
            @ForAll @DoubleRange(min = -40, max = 0) double a, @ForAll @DoubleRange(min = 0, max = 40) double b) {
        double exact = Gaussian.mass(a, b);
        assertThat(Math.abs(Gaussian.massForBounds(a, b) - exact)).isLessThanOrEqualTo(1e-12 * exact);
    }
}
