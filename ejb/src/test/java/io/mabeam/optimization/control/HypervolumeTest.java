package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HypervolumeTest {

    /** The DTLZ2 front: the positive octant of the unit sphere; its hypervolume up to (1.1, 1.1, 1.1). */
    static final double DTLZ2_FRONT_HYPERVOLUME = 1.1 * 1.1 * 1.1 - Math.PI / 6;

    @Test
    void aSinglePointDominatesTheBoxUpToTheReference() {
        assertThat(Hypervolume.of(new double[][] {{1, 2}}, new double[] {3, 3})).isEqualTo(2.0);
        assertThat(Hypervolume.of(new double[][] {{0, 0, 0}}, new double[] {1, 2, 3}))
                .isEqualTo(6.0);
        assertThat(Hypervolume.of(new double[][] {{0, 0, 0, 0}}, new double[] {1, 2, 3, 4}))
                .isEqualTo(24.0);
        assertThat(Hypervolume.of(new double[][] {{0.5}}, new double[] {2})).isEqualTo(1.5);
    }

    @Test
    void twoPointsCountTheirOverlapOnce() {
        // boxes 2x1 and 1x2 overlapping in 1x1
        assertThat(Hypervolume.of(new double[][] {{1, 2}, {2, 1}}, new double[] {3, 3}))
                .isEqualTo(3.0);
        // in 3-D: 1x2x2 + 2x1x2 - 1x1x2
        assertThat(Hypervolume.of(new double[][] {{1, 0, 0}, {0, 1, 0}}, new double[] {2, 2, 2}))
                .isEqualTo(6.0);
    }

    @Test
    void pointsOnOrBeyondTheReferenceAddNothing() {
        assertThat(Hypervolume.of(new double[][] {{3, 0}, {0, 3}, {4, 4}}, new double[] {3, 3}))
                .isZero();
        assertThat(Hypervolume.of(new double[][] {}, new double[] {3, 3})).isZero();
    }

    @Test
    void aDenseSampleOfTheDtlz2FrontApproachesItsHypervolumeFromBelow() {
        double[] reference = {1.1, 1.1, 1.1};
        double coarse = Hypervolume.of(sphereGrid(61), reference);
        double fine = Hypervolume.of(sphereGrid(121), reference); // the coarse grid's points and more
        assertThat(coarse).isLessThan(fine);
        assertThat(fine).isLessThan(DTLZ2_FRONT_HYPERVOLUME).isGreaterThan(0.98 * DTLZ2_FRONT_HYPERVOLUME);
        assertThat(DTLZ2_FRONT_HYPERVOLUME - fine).isLessThan((DTLZ2_FRONT_HYPERVOLUME - coarse) * 0.6);
    }

    /** Points of the unit sphere's positive octant on a grid of angles, the edges included. */
    static double[][] sphereGrid(int grid) {
        double[][] points = new double[grid * grid][];
        int k = 0;
        for (int i = 0; i < grid; i++) {
            for (int j = 0; j < grid; j++) {
                double a = i / (grid - 1.0) * Math.PI / 2;
                double b = j / (grid - 1.0) * Math.PI / 2;
                points[k++] = new double[] {Math.cos(a) * Math.cos(b), Math.cos(a) * Math.sin(b), Math.sin(a)};
            }
        }
        return points;
    }

    @Test
    void fiveHundredPointsIn3dTakeMilliseconds() {
        Random random = new Random(7);
        double[][] points = new double[500][];
        for (int i = 0; i < points.length; i++) {
            double[] p = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double norm = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
            points[i] = new double[] {Math.abs(p[0]) / norm, Math.abs(p[1]) / norm, Math.abs(p[2]) / norm};
        }
        for (int warm = 0; warm < 5; warm++) {
            Hypervolume.of(points, new double[] {1.1, 1.1, 1.1});
        }
        long start = System.nanoTime();
        double volume = Hypervolume.of(points, new double[] {1.1, 1.1, 1.1});
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(volume).isBetween(0.7, DTLZ2_FRONT_HYPERVOLUME);
        assertThat(millis).as("milliseconds for 500 points in 3-D").isLessThan(50);
    }

    @Test
    void inFourDimensionsWfgAgreesWithTheSweepOnALiftedFrontAndIsQuick() {
        double[][] sphere = sphereGrid(15); // 225 points on the 3-D front
        double[][] lifted = new double[sphere.length][];
        for (int i = 0; i < sphere.length; i++) {
            // a 4th objective that trades off against the others keeps every point on the front
            lifted[i] = new double[] {sphere[i][0], sphere[i][1], sphere[i][2], 0.5};
        }
        double inThree = Hypervolume.of(sphere, new double[] {1.1, 1.1, 1.1});
        assertThat(Hypervolume.of(lifted, new double[] {1.1, 1.1, 1.1, 2})).isCloseTo(inThree * 1.5, within(1e-9));

        java.util.Random random = new java.util.Random(3);
        double[][] front4d = new double[200][];
        for (int i = 0; i < front4d.length; i++) {
            double[] p = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double norm = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2] + p[3] * p[3]);
            front4d[i] = new double[] {
                Math.abs(p[0]) / norm, Math.abs(p[1]) / norm, Math.abs(p[2]) / norm, Math.abs(p[3]) / norm
            };
        }
        long start = System.nanoTime();
        double volume = Hypervolume.of(front4d, new double[] {1.1, 1.1, 1.1, 1.1});
        long millis = (System.nanoTime() - start) / 1_000_000;
        // the 4-D unit sphere's positive orthant has volume π²/32
        assertThat(volume)
                .isBetween(
                        0.8 * (Math.pow(1.1, 4) - Math.PI * Math.PI / 32), Math.pow(1.1, 4) - Math.PI * Math.PI / 32);
        assertThat(millis).as("milliseconds for 200 points in 4-D").isLessThan(2000);
    }

    @Property(tries = 200)
    void theSweepsAgreeWithInclusionExclusion(
            @ForAll @IntRange(min = 1, max = 8) int n, @ForAll @IntRange(min = 2, max = 5) int m, @ForAll long seed) {
        double[][] points = randomPoints(n, m, seed);
        double[] reference = filled(m, 1.0);
        assertThat(Hypervolume.of(points, reference)).isCloseTo(inclusionExclusion(points, reference), within(1e-9));
    }

    @Property(tries = 200)
    void addingAPointNeverShrinksTheHypervolumeAndADominatedOneChangesNothing(
            @ForAll @IntRange(min = 1, max = 40) int n, @ForAll @IntRange(min = 2, max = 4) int m, @ForAll long seed) {
        double[][] points = randomPoints(n + 1, m, seed);
        double[] reference = filled(m, 1.0);
        double[][] fewer = Arrays.copyOf(points, n);
        double before = Hypervolume.of(fewer, reference);
        assertThat(Hypervolume.of(points, reference)).isGreaterThanOrEqualTo(before - 1e-12);

        double[] dominated = fewer[0].clone();
        for (int k = 0; k < m; k++) {
            dominated[k] += (1 - dominated[k]) * 0.3;
        }
        double[][] withDominated = Arrays.copyOf(fewer, n + 1);
        withDominated[n] = dominated;
        assertThat(Hypervolume.of(withDominated, reference)).isCloseTo(before, within(1e-12));
    }

    @Property(tries = 200)
    void whatOnlyOnePointCoversIsTheHypervolumeLostWithoutIt(
            @ForAll @IntRange(min = 1, max = 30) int n, @ForAll @IntRange(min = 2, max = 4) int m, @ForAll long seed) {
        double[][] points = randomPoints(n, m, seed);
        double[] reference = filled(m, 1.0);
        double all = Hypervolume.of(points, reference);
        for (int i = 0; i < n; i++) {
            double[][] others = new double[n - 1][];
            for (int k = 0, o = 0; k < n; k++) {
                if (k != i) {
                    others[o++] = points[k];
                }
            }
            assertThat(Hypervolume.exclusive(points[i], others, reference))
                    .isCloseTo(all - Hypervolume.of(others, reference), within(1e-9));
        }
    }

    private static double[][] randomPoints(int n, int m, long seed) {
        Random random = new Random(seed);
        double[][] points = new double[n][m];
        for (double[] point : points) {
            for (int k = 0; k < m; k++) {
                point[k] = random.nextInt(4) == 0 ? random.nextInt(5) / 5.0 : random.nextDouble() * 1.1;
            }
        }
        return points;
    }

    private static double[] filled(int m, double value) {
        double[] reference = new double[m];
        Arrays.fill(reference, value);
        return reference;
    }

    /** The union of the boxes by inclusion-exclusion over every subset: slow, obviously right. */
    private static double inclusionExclusion(double[][] points, double[] reference) {
        int n = points.length;
        double total = 0;
        for (int subset = 1; subset < (1 << n); subset++) {
            double[] corner = new double[reference.length];
            Arrays.fill(corner, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                if ((subset & (1 << i)) != 0) {
                    for (int k = 0; k < corner.length; k++) {
                        corner[k] = Math.max(corner[k], points[i][k]);
                    }
                }
            }
            double box = 1;
            for (int k = 0; k < corner.length; k++) {
                box *= Math.max(0, reference[k] - corner[k]);
            }
            total += Integer.bitCount(subset) % 2 == 1 ? box : -box;
        }
        return total;
    }
}
