package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.optimization.control.QuasiRandomSampler.Kind;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.SearchSpace;
import io.mabeam.variables.entity.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class QuasiRandomSamplerTest {

    @Test
    void plainSobolIsTheKnownSequence() {
        QuasiRandomSampler sobol = new QuasiRandomSampler(Kind.SOBOL, 0, false);
        double[][] expected = {
            {0, 0, 0}, {0.5, 0.5, 0.5}, {0.75, 0.25, 0.25}, {0.25, 0.75, 0.75},
            {0.375, 0.375, 0.625}, {0.875, 0.875, 0.125}, {0.625, 0.125, 0.875}, {0.125, 0.625, 0.375}
        };
        for (int i = 0; i < expected.length; i++) {
            assertThat(sobol.point(i, 3)).as("point %d", i).containsExactly(expected[i]);
        }
        assertThat(sobol.name()).isEqualTo("sobol");
    }

    @Test
    void plainHaltonIsTheRadicalInverseInPrimeBases() {
        QuasiRandomSampler halton = new QuasiRandomSampler(Kind.HALTON, 0, false);
        assertThat(halton.point(1, 3)).containsExactly(0.5, 1.0 / 3, 0.2);
        assertThat(halton.point(2, 3)[0]).isEqualTo(0.25);
        assertThat(halton.point(3, 3)[1]).isEqualTo(1.0 / 9, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(halton.name()).isEqualTo("halton");
        assertThat(HaltonSequence.firstPrimes(8)).containsExactly(2, 3, 5, 7, 11, 13, 17, 19);
    }

    @Test
    void scrambledSobolFillsEveryBinOfEveryCoordinateOnceInEachPowerOfTwoPrefix() {
        int dimension = SobolSequence.MAX_DIMENSION;
        QuasiRandomSampler sobol = new QuasiRandomSampler(Kind.SOBOL, 12345);
        double[][] points = new double[1 << 10][];
        for (int i = 0; i < points.length; i++) {
            points[i] = sobol.point(i, dimension);
        }
        for (int k = 0; k <= 10; k++) {
            int count = 1 << k;
            for (int d = 0; d < dimension; d++) {
                boolean[] taken = new boolean[count];
                for (int i = 0; i < count; i++) {
                    int bin = (int) (points[i][d] * count);
                    assertThat(taken[bin])
                            .as("dimension %d, 2^%d points, bin %d", d, k, bin)
                            .isFalse();
                    taken[bin] = true;
                }
            }
        }
        // the first two coordinates are a (0, m, 2)-net: each 2^a × 2^(8-a) box holds one of 256 points
        for (int a = 0; a <= 8; a++) {
            boolean[][] taken = new boolean[1 << a][1 << (8 - a)];
            for (int i = 0; i < 256; i++) {
                int row = (int) (points[i][0] * (1 << a));
                int column = (int) (points[i][1] * (1 << (8 - a)));
                assertThat(taken[row][column]).isFalse();
                taken[row][column] = true;
            }
        }
    }

    @Test
    void scrambledHaltonFillsEveryBinOfItsBaseOnce() {
        QuasiRandomSampler halton = new QuasiRandomSampler(Kind.HALTON, 777);
        int[] bases = {2, 3, 5};
        for (int d = 0; d < bases.length; d++) {
            int count = (int) Math.pow(bases[d], 4);
            boolean[] taken = new boolean[count];
            for (int i = 0; i < count; i++) {
                int bin = (int) (halton.point(i, 3)[d] * count);
                assertThat(taken[bin]).as("base %d bin %d", bases[d], bin).isFalse();
                taken[bin] = true;
            }
        }
    }

    @Test
    void coversTheSquareMoreEvenlyThanIndependentDraws() {
        int n = 1024;
        double sobol = starDiscrepancy(i -> new QuasiRandomSampler(Kind.SOBOL, 3).point(i, 2), n);
        double halton = starDiscrepancy(i -> new QuasiRandomSampler(Kind.HALTON, 3).point(i, 2), n);
        SplittableRandom random = new SplittableRandom(3);
        double[][] draws = new double[n][];
        for (int i = 0; i < n; i++) {
            draws[i] = new double[] {random.nextDouble(), random.nextDouble()};
        }
        double independent = starDiscrepancy(i -> draws[(int) i], n);
        System.out.printf(
                "star discrepancy of %d points: sobol %.4f, halton %.4f, random %.4f%n", n, sobol, halton, independent);
        assertThat(sobol).isLessThan(independent / 2);
        assertThat(halton).isLessThan(independent / 2);
    }

    /** The largest gap between the share of points in [0, a) × [0, b) and its area, over a 64 × 64 grid of corners. */
    static double starDiscrepancy(java.util.function.LongFunction<double[]> points, int n) {
        double[][] all = new double[n][];
        for (int i = 0; i < n; i++) {
            all[i] = points.apply(i);
        }
        double worst = 0;
        for (int a = 1; a <= 64; a++) {
            for (int b = 1; b <= 64; b++) {
                double x = a / 64.0;
                double y = b / 64.0;
                int inside = 0;
                for (double[] p : all) {
                    if (p[0] < x && p[1] < y) {
                        inside++;
                    }
                }
                worst = Math.max(worst, Math.abs(inside / (double) n - x * y));
            }
        }
        return worst;
    }

    @Property(tries = 60)
    void suggestionsLieInTheSpaceAndDependOnlyOnSeedAndNumber(
            @ForAll long seed, @ForAll @LongRange(min = 0, max = 1_000_000) long number, @ForAll boolean halton) {
        Kind kind = halton ? Kind.HALTON : Kind.SOBOL;
        SearchSpace space = CmaEsSamplerTest.randomSpace(new SplittableRandom(seed));
        QuasiRandomSampler sampler = new QuasiRandomSampler(kind, seed);
        Map<String, Object> params = sampler.sample(space, number);
        assertThat(space.check(params)).isEqualTo(params);
        QuasiRandomSampler other = new QuasiRandomSampler(kind, seed);
        other.sample(space, number + 1);
        assertThat(other.sample(space, number)).isEqualTo(params);
    }

    @Test
    void theSeedChoosesTheScramble() {
        for (Kind kind : Kind.values()) {
            assertThat(new QuasiRandomSampler(kind, 1).point(5, 4))
                    .isNotEqualTo(new QuasiRandomSampler(kind, 2).point(5, 4));
        }
    }

    @Test
    void sobolRefusesMoreDimensionsThanItsTable() {
        List<Variable> variables = new ArrayList<>();
        for (int i = 0; i <= SobolSequence.MAX_DIMENSION; i++) {
            variables.add(FloatVariable.uniform("x" + i, 0, 1));
        }
        SearchSpace space = new SearchSpace(variables);
        assertThatThrownBy(() -> new QuasiRandomSampler(Kind.SOBOL, 1).sample(space, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimensions");
        assertThat(new QuasiRandomSampler(Kind.HALTON, 1).sample(space, 0)).hasSize(variables.size());
    }
}
