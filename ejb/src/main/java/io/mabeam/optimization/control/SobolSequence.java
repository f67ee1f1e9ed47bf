package io.mabeam.optimization.control;

import java.util.SplittableRandom;

/**
 * The Sobol low-discrepancy sequence with Joe and Kuo's direction numbers (new-joe-kuo-6.21201, their
 * search criterion D(6)) for up to {@value #MAX_DIMENSION} dimensions, in Gray-code order as scipy and Joe and
 * Kuo generate it, with 52-bit coordinates. Optionally scrambled as scipy scrambles: a random linear matrix
 * scramble (Matoušek's lower-triangular binary matrices, the linear part of Owen's scrambling) and a random
 * digital shift per dimension, both from the seed. Scrambling keeps the net property: any 2^k consecutive
 * points from index 0 still fill each of the 2^k equal bins of each coordinate once.
 */
final class SobolSequence {

    static final int BITS = 52;

    /** Rows for dimensions 2, 3, …: the degree s of the primitive polynomial, its coefficients a, then m_1..m_s. */
    private static final int[][] JOE_KUO = {
        {1, 0, 1},
        {2, 1, 1, 3},
        {3, 1, 1, 3, 1},
        {3, 2, 1, 1, 1},
        {4, 1, 1, 1, 3, 3},
        {4, 4, 1, 3, 5, 13},
        {5, 2, 1, 1, 5, 5, 17},
        {5, 4, 1, 1, 5, 5, 5},
        {5, 7, 1, 1, 7, 11, 19},
        {5, 11, 1, 1, 5, 1, 1},
        {5, 13, 1, 1, 1, 3, 11},
        {5, 14, 1, 3, 5, 5, 31},
        {6, 1, 1, 3, 3, 9, 7, 49},
        {6, 13, 1, 1, 1, 15, 21, 21},
        {6, 16, 1, 3, 1, 13, 27, 49},
        {6, 19, 1, 1, 1, 15, 7, 5},
        {6, 22, 1, 3, 1, 15, 13, 25},
        {6, 25, 1, 1, 5, 5, 19, 61},
        {7, 1, 1, 3, 7, 11, 23, 15, 103},
        {7, 4, 1, 3, 7, 13, 13, 15, 69},
        {7, 7, 1, 1, 3, 13, 7, 35, 63},
        {7, 8, 1, 3, 5, 9, 1, 25, 53},
        {7, 14, 1, 3, 1, 13, 9, 35, 107},
        {7, 19, 1, 3, 1, 5, 27, 61, 31},
        {7, 21, 1, 1, 5, 11, 19, 41, 61},
        {7, 28, 1, 3, 5, 3, 3, 13, 69},
        {7, 31, 1, 1, 7, 13, 1, 19, 1},
        {7, 32, 1, 3, 7, 5, 13, 19, 59},
        {7, 37, 1, 1, 3, 9, 25, 29, 41},
        {7, 41, 1, 3, 5, 13, 23, 1, 55},
        {7, 42, 1, 3, 7, 3, 13, 59, 17},
        {7, 50, 1, 3, 1, 3, 5, 53, 69},
        {7, 55, 1, 1, 5, 5, 23, 33, 13},
        {7, 56, 1, 1, 7, 7, 1, 61, 123},
        {7, 59, 1, 1, 7, 9, 13, 61, 49},
        {7, 62, 1, 3, 3, 5, 3, 55, 33},
        {8, 14, 1, 3, 1, 15, 31, 13, 49, 245},
        {8, 21, 1, 3, 5, 15, 31, 59, 63, 97},
        {8, 22, 1, 3, 1, 11, 11, 11, 77, 249},
        {8, 38, 1, 3, 1, 11, 27, 43, 71, 9}
    };

    static final int MAX_DIMENSION = JOE_KUO.length + 1;

    private final long[][] directions; // [dimension][bit], bit 0 the most significant binary digit
    private final long[] shifts;

    SobolSequence(int dimension, long seed, boolean scrambled) {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException(
                    "the Sobol sequence here has 1 to " + MAX_DIMENSION + " dimensions, not " + dimension);
        }
        directions = new long[dimension][];
        shifts = new long[dimension];
        for (int d = 0; d < dimension; d++) {
            long[] v = directionNumbers(d);
            if (scrambled) {
                SplittableRandom random = new SplittableRandom(RandomSampler.mix(seed, d));
                v = linearScramble(v, random);
                shifts[d] = random.nextLong() & mask();
            }
            directions[d] = v;
        }
    }

    private static long mask() {
        return (1L << BITS) - 1;
    }

    private static long[] directionNumbers(int dimension) {
        long[] v = new long[BITS];
        if (dimension == 0) {
            for (int k = 0; k < BITS; k++) {
                v[k] = 1L << (BITS - 1 - k);
            }
            return v;
        }
        int[] row = JOE_KUO[dimension - 1];
        int s = row[0];
        int a = row[1];
        for (int k = 0; k < BITS; k++) {
            if (k < s) {
                v[k] = (long) row[2 + k] << (BITS - 1 - k);
                continue;
            }
            // Bratley and Fox's recurrence; the polynomial's inner coefficients are the bits of a
            long next = v[k - s] ^ (v[k - s] >>> s);
            for (int i = 1; i < s; i++) {
                if (((a >>> (s - 1 - i)) & 1) == 1) {
                    next ^= v[k - i];
                }
            }
            v[k] = next;
        }
        return v;
    }

    /** Multiplies each direction number by a random nonsingular lower-triangular binary matrix. */
    private static long[] linearScramble(long[] v, SplittableRandom random) {
        long[] rows = new long[BITS];
        for (int p = 0; p < BITS; p++) {
            long own = 1L << (BITS - 1 - p);
            long moreSignificant = mask() & ~((own << 1) - 1);
            rows[p] = own | (random.nextLong() & moreSignificant);
        }
        long[] scrambled = new long[BITS];
        for (int k = 0; k < BITS; k++) {
            long y = 0;
            for (int p = 0; p < BITS; p++) {
                if (Long.bitCount(rows[p] & v[k]) % 2 == 1) {
                    y |= 1L << (BITS - 1 - p);
                }
            }
            scrambled[k] = y;
        }
        return scrambled;
    }

    /** The point at {@code index} (from 0), each coordinate in [0, 1). */
    double[] point(long index) {
        if (index < 0 || index >= 1L << BITS) {
            throw new IllegalArgumentException("the sequence has no point " + index);
        }
        long gray = index ^ (index >>> 1);
        double[] point = new double[directions.length];
        for (int d = 0; d < directions.length; d++) {
            long x = shifts[d];
            for (int k = 0; (gray >>> k) != 0; k++) {
                if (((gray >>> k) & 1) == 1) {
                    x ^= directions[d][k];
                }
            }
            point[d] = x / (double) (1L << BITS);
        }
        return point;
    }
}
