package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class FastExpTest {

    @Property(tries = 3000)
    void isWithinTwoUlpsOfStrictExp(@ForAll @DoubleRange(min = -745, max = 709.7) double x) {
        double exact = StrictMath.exp(x);
        assertThat(Math.abs(FastExp.exp(x) - exact)).isLessThanOrEqualTo(2 * Math.ulp(exact));
    }

    @Test
    void isWithinTwoUlpsAcrossKernelArguments() {
        // kernels take e^(-z²/2) for |z| up to 8: a fine sweep of that range, and small arguments
        double worst = 0;
        for (int i = 0; i <= 1_000_000; i++) {
            double x = -32.0 * i / 1_000_000;
            double exact = StrictMath.exp(x);
            worst = Math.max(worst, Math.abs(FastExp.exp(x) - exact) / Math.ulp(exact));
        }
        for (double x : new double[] {0, -0.0, 1e-300, -1e-300, 1e-17, -1e-17, 1, -1, 700, -700}) {
            double exact = StrictMath.exp(x);
            worst = Math.max(worst, Math.abs(FastExp.exp(x) - exact) / Math.ulp(exact));
        }
        assertThat(worst).isLessThanOrEqualTo(2.0);
        assertThat(FastExp.exp(0)).isEqualTo(1.0);
        assertThat(FastExp.exp(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(FastExp.exp(-800)).isEqualTo(0.0);
        assertThat(FastExp.exp(Double.NaN)).isNaN();
        assertThat(FastExp.exp(800)).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
