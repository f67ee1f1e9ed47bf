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
        int[] order = SortOrder.sortedOrder(values);
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

    @Property(tries = 100)
    void boundsFromExpansionsHoldTheDensityAndAreTight(
            @ForAll @IntRange(min = 0, max = 1) int which,
            @ForAll @IntRange(min = 0, max = 2500) int observations,
            @ForAll @IntRange(min = 0, max = 10_000) int seed,
            @ForAll boolean magicClip) {
        TpeDimension dimension = TpeDimension.of(VARIABLES[which]); // the continuous ones
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[observations][1];
        double centre = random.nextDouble();
        for (int i = 0; i < observations; i++) {
            // clustered (some at the very edges), as long studies make them, plus some spread
            int kind = i % 5;
            double u = kind == 0
                    ? random.nextDouble()
                    : kind == 1
                            ? Math.min(1, Math.max(0, 0.98 + 0.03 * random.nextGaussian()))
                            : Math.min(1, Math.max(0, centre + 0.02 * random.nextGaussian()));
            rows[i][0] = dimension.internal(io.mabeam.variables.control.UnitScale.fromUnit(VARIABLES[which], u));
        }
        ParzenEstimator estimator = new ParzenEstimator(
                new TpeDimension[] {dimension}, rows, TpeSampler.weights(observations), 1.0, false, magicClip, false);
        double[][] sampled = estimator.sample(random, 40);
        double[][] points = new double[sampled.length + 40][];
        System.arraycopy(sampled, 0, points, 0, sampled.length);
        for (int s = 0; s < 40; s++) {
            double u = s == 0 ? 0 : s == 1 ? 1 : random.nextDouble();
            points[sampled.length + s] = new double[] {dimension.low + u * (dimension.high - dimension.low)};
        }
        double[][] bounds = estimator.logDensityBounds(points);
        double[] density = estimator.logDensity(points);
        if (magicClip && observations >= 1000) {
            assertThat(bounds).isNotNull(); // most kernels have the clipped width
        }
        if (bounds == null) {
            return; // too few kernels of one width to pay
        }
        for (int s = 0; s < points.length; s++) {
            assertThat(bounds[0][s]).isLessThanOrEqualTo(density[s]);
            assertThat(bounds[1][s]).isGreaterThanOrEqualTo(density[s]);
            // tight enough to decide almost every ask (a loose pair only sends the ask to the exact densities)
            assertThat(bounds[1][s] - bounds[0][s]).isLessThan(1e-6);
        }
    }

    @Property(tries = 100)
    void theCandidateTheBoundsDecideIsTheOneTheDensitiesDecide(
            @ForAll @IntRange(min = 200, max = 2000) int observations,
            @ForAll @IntRange(min = 0, max = 10_000) int seed,
            @ForAll @IntRange(min = 0, max = 3) int ties) {
        TpeDimension dimension = TpeDimension.of(VARIABLES[0]);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[observations][1];
        for (int i = 0; i < observations; i++) {
            double u = i % 4 == 0 ? random.nextDouble() : Math.min(1, Math.max(0, 0.4 + 0.03 * random.nextGaussian()));
            rows[i][0] = dimension.internal(io.mabeam.variables.control.UnitScale.fromUnit(VARIABLES[0], u));
        }
        ParzenEstimator bad = new ParzenEstimator(
                new TpeDimension[] {dimension}, rows, TpeSampler.weights(observations), 1.0, false, true, false);
        double[][] candidates = bad.sample(random, 24);
        double[] logBad = bad.logDensity(candidates);
        double[] logGood = new double[candidates.length];
        for (int c = 0; c < candidates.length; c++) {
            logGood[c] = logBad[c] + random.nextDouble();
        }
        // repeated points, and different points whose scores tie exactly or nearly
        for (int t = 0; t < ties; t++) {
            int from = random.nextInt(candidates.length);
            int to = random.nextInt(candidates.length);
            if (t % 2 == 0) {
                candidates[to] = candidates[from].clone();
                logBad[to] = logBad[from];
                logGood[to] = logGood[from];
            } else {
                logGood[to] = logGood[from] - logBad[from] + logBad[to] + (t == 1 ? 0 : 1e-13);
            }
        }
        int best = 0;
        for (int c = 1; c < candidates.length; c++) {
            if (logGood[c] - logBad[c] > logGood[best] - logBad[best]) {
                best = c;
            }
        }
        int certain = TpeSampler.certainBest(logGood, bad.logDensityBounds(candidates), candidates);
        if (ties == 0) {
            assertThat(certain).isNotNegative();
        }
        if (certain >= 0) {
            assertThat(certain).isEqualTo(best);
        }
    }

    @Property(tries = 200)
    void drawsAndDensitiesAreTheFrozenReferencesBitForBit(
            @ForAll @IntRange(min = 0, max = 4) int first,
            @ForAll @IntRange(min = 0, max = 4) int second,
            @ForAll @IntRange(min = 1, max = 3) int count,
            @ForAll @IntRange(min = 0, max = 1200) int observations,
            @ForAll @IntRange(min = 0, max = 10_000) int seed,
            @ForAll boolean multivariate,
            @ForAll boolean magicClip,
            @ForAll boolean considerEndpoints) {
        TpeDimension[] dimensions = new TpeDimension[count];
        for (int j = 0; j < count; j++) {
            dimensions[j] = TpeDimension.of(VARIABLES[j == 0 ? first : j == 1 ? second : (first + second) % 5]);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[observations][count];
        for (int i = 0; i < observations; i++) {
            for (int j = 0; j < count; j++) {
                double u =
                        i % 3 == 0 ? random.nextDouble() : Math.min(1, Math.max(0, 0.3 + 0.02 * random.nextGaussian()));
                Variable variable = dimensions[j].variable;
                rows[i][j] = dimensions[j].internal(io.mabeam.variables.control.UnitScale.fromUnit(variable, u));
            }
        }
        double[] weights = TpeSampler.weights(observations);
        ParzenEstimator estimator =
                new ParzenEstimator(dimensions, rows, weights, 1.0, multivariate, magicClip, considerEndpoints);
        ReferenceParzenEstimator reference = new ReferenceParzenEstimator(
                dimensions, rows, weights, 1.0, multivariate, magicClip, considerEndpoints);
        double[][] points = estimator.sample(new SplittableRandom(seed + 1), 24);
        assertThat(points).isDeepEqualTo(reference.sample(new SplittableRandom(seed + 1), 24));
        assertThat(estimator.logDensity(points)).containsExactly(reference.logDensity(points));
        assertThat(estimator.logDensityAllKernels(points)).containsExactly(reference.logDensityAllKernels(points));
    }

    @Property(tries = 150)
    void boundsOverSeveralDimensionsHoldTheDensity(
            @ForAll @IntRange(min = 0, max = 4) int first,
            @ForAll @IntRange(min = 0, max = 4) int second,
            @ForAll @IntRange(min = 2, max = 4) int count,
            @ForAll @IntRange(min = 0, max = 1200) int observations,
            @ForAll @IntRange(min = 0, max = 10_000) int seed,
            @ForAll boolean multivariate,
            @ForAll boolean magicClip) {
        TpeDimension[] dimensions = new TpeDimension[count];
        for (int j = 0; j < count; j++) {
            dimensions[j] = TpeDimension.of(VARIABLES[j == 0 ? first : j == 1 ? second : (first + second + j) % 5]);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[observations][count];
        for (int i = 0; i < observations; i++) {
            for (int j = 0; j < count; j++) {
                double u =
                        i % 3 == 0 ? random.nextDouble() : Math.min(1, Math.max(0, 0.3 + 0.02 * random.nextGaussian()));
                Variable variable = dimensions[j].variable;
                rows[i][j] = dimensions[j].internal(io.mabeam.variables.control.UnitScale.fromUnit(variable, u));
            }
        }
        ParzenEstimator estimator = new ParzenEstimator(
                dimensions, rows, TpeSampler.weights(observations), 1.0, multivariate, magicClip, false);
        double[][] points = estimator.sample(random, 30);
        for (int s = 0; s < 6; s++) { // corners, far from the observations
            for (int j = 0; j < count; j++) {
                Variable variable = dimensions[j].variable;
                points[s][j] =
                        dimensions[j].internal(io.mabeam.variables.control.UnitScale.fromUnit(variable, (s + j) % 2));
            }
        }
        double[][] bounds = estimator.logDensityBounds(points);
        double[] density = estimator.logDensity(points);
        assertThat(bounds).isNotNull();
        for (int s = 0; s < points.length; s++) {
            assertThat(bounds[0][s]).isLessThanOrEqualTo(density[s]);
            assertThat(bounds[1][s]).isGreaterThanOrEqualTo(density[s]);
            // tight enough to decide almost every ask (a loose pair only sends the ask to the exact densities)
            assertThat(bounds[1][s] - bounds[0][s]).isLessThan(1e-6);
        }
    }
}
