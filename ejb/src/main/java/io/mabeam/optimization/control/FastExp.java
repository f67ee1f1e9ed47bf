package io.mabeam.optimization.control;

/**
 * e^x within about one ulp, several times faster than {@link Math#exp} where it is called per kernel and point,
 * and the same on every platform (plain IEEE arithmetic, no intrinsic): x = (256m + j)·ln2/256 + r with
 * |r| ≤ ln2/512, e^x = 2^m · 2^(j/256) · e^r, 2^(j/256) from a table and e^r from its Taylor polynomial.
 * Densities use it; whatever decides draws (and so must not change) keeps {@link Math#exp}.
 */
final class FastExp {

    private static final int BITS = 8;
    private static final int SIZE = 1 << BITS;
    private static final double SIZE_OVER_LN2 = SIZE / 0.6931471805599453;
    /** ln 2 / 256 in two parts (fdlibm's split of ln 2): the high part times any table index here is exact. */
    private static final double LN2_HI = 6.93147180369123816490e-01 / SIZE;

    private static final double LN2_LO = 1.90821492927058770002e-10 / SIZE;
    private static final double[] TABLE = new double[SIZE];

    static {
        for (int j = 0; j < SIZE; j++) {
            TABLE[j] = StrictMath.pow(2, j / (double) SIZE);
        }
    }

    private FastExp() {}

    static double exp(double x) {
        if (!(x > -708 && x < 709)) {
            return StrictMath.exp(x); // subnormal, overflowing or NaN results
        }
        double kd = Math.rint(x * SIZE_OVER_LN2);
        long k = (long) kd;
        double r = (x - kd * LN2_HI) - kd * LN2_LO;
        double expm1 = r + r * r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720)))));
        double t = TABLE[(int) (k & (SIZE - 1))];
        return (t + t * expm1) * Double.longBitsToDouble(((k >> BITS) + 1023) << 52);
    }
}
