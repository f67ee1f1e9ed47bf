package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.Variable;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ParzenEstimatorTest {

    static final Variable[] VARIABLES = {
        FloatVariable.uniform("x", -5, 10),
        FloatVariable.logUniform("lr", 1e-5, 1e-1),
        new FloatVariable("d", 0, 0.5, false, 0.05, java.util.Optional.empty()),
        IntVariable.uniform("n", 1, 8),
        CategoricalVariable.of("c", "a", "b", "c", "d")
    };

    @Property(tries = 60)
    void theWindowedOneDimensionalDensityIsTheSumOverEveryKernel(
            @ForAll @IntRange(min = 0, max = 4) int which,
            @ForAll @IntRange(min = 0, max = 1200) int observations,
            @ForAll @IntRange(min = 0, max = 10_000) int seed) {
        TpeDimension dimension = TpeDimension.of(VARIABLES[which]);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[observations][1];
        // clustered observations, as a converging study makes them, plus some spread
        for (int i = 0; i < observations; i++) {
            double u = i % 3 == 0 ? random.nextDouble() : 0.3 + 0.01 * random.nextGaussian();
            rows[i][0] = dimension.internal(io.mabeam.variables.control.UnitScale.fromUnit(VARIABLES[which], u));
        }
        ParzenEstimator estimator = new ParzenEstimator(
                new TpeDimension[] {dimension}, rows, TpeSampler.weights(observations), 1.0, false, true, false);
        double[][] points = estimator.sample(random, 24);
        double[] fast = estimator.logDensity(points);
        double[] exhaustive = estimator.logDensityAllKernels(points);
        for (int s = 0; s < points.length; s++) {
            assertThat(fast[s]).isCloseTo(exhaustive[s], within(1e-9 * Math.max(1, Math.abs(exhaustive[s]))));
        }
    }

    @Property(tries = 200)
    void sortedOrderIsAStablePermutationByValue(@ForAll("values") double[] values) {
        int[] order = ParzenEstimator.sortedOrder(values);
        assertThat(java.util.Arrays.stream(order).sorted().toArray())
                .containsExactly(
                        java.util.stream.IntStream.range(0, values.length).toArray());
        for (int i = 1; i < order.length; i++) {
            assertThat(values[order[i - 1]]).isLessThanOrEqualTo(values[order[i]]);
            if (values[order[i - 1]] == values[order[i]]) {
                assertThat(order[i - 1]).isLessThan(order[i]);
            }
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<double[]> values() {
        return net.jqwik.api.Arbitraries.integers()
                .between(0, 20)
                .map(i -> i / 4.0)
                .array(double[].class)
                .ofMaxSize(300);
    }
}
