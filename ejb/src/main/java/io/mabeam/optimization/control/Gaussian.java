package io.mabeam.optimization.control;

import java.util.SplittableRandom;

/**
 * The standard normal distribution's functions that samplers need, accurate to about 1e-7 relative
 * (also far in the tails, where kernel densities live): density, distribution function, its inverse and
 * draws from a truncated normal.
 */
final class Gaussian {

    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private Gaussian() {}

    static double density(double z) {
        return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    }

    static double logDensity(double z) {
        return -0.5 * z * z - LOG_SQRT_2PI;
    }

    /** Φ(z), with small values in the lower tail kept to full relative precision. */
    static double cdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /**
     * The mass of [a, b] (a ≤ b), computed on the side of zero where it does not cancel. Beyond 9 standard
     * deviations a tail changes nothing, bit for bit, so it is not computed: Φ(b) is exactly 1 for b > 9
     * (erfc there is below 1e-18, and 2 minus it rounds to 2), and Φ(a) for a < -9 is below a quarter of the
     * spacing of doubles near Φ(b) ≥ 1/4 (b ≥ 0), so subtracting it leaves Φ(b).
     */
    static double mass(double a, double b) {
        if (a > 0) {
            return cdf(-a) - cdf(-b);
        }
        if (b > TAIL) {
            return 1.0 - cdf(a);
        }
        if (a < -TAIL && b >= 0) {
            return cdf(b);
        }
        return cdf(b) - cdf(a);
    }

    /**
     * {@link #mass} for bounds on it, faster: with {@link #cdfForDensity}, and a tail beyond 7.5 standard
     * deviations (below 4e-14) left out where the other end is on the other side of the mean (so the mass is at
     * least a quarter, or 1/3 for a kernel centred in its interval). It differs from {@link #mass} by less
     * than 1e-12 of it there; across a narrow cell far out, subtracting two tails loses relative precision in
     * either, so bounds take {@link #mass} itself for those.
     */
    static double massForBounds(double a, double b) {
        if (a > 0) {
            return cdfForDensity(-a) - cdfForDensity(-b);
        }
        double upper = b > BOUNDS_TAIL ? 1.0 : cdfForDensity(b);
        return a < -BOUNDS_TAIL && b >= 0 ? upper : upper - cdfForDensity(a);
    }

    private static final double BOUNDS_TAIL = 7.5;

    /**
     * Φ(z) as {@link #cdf} with the same fit, evaluated faster ({@link FastExp}, the polynomial by Estrin's
     * scheme): it differs from {@link #cdf} in the last bits only, so bounds on densities may use it; densities
     * and draws, which decide suggestions, may not.
     */
    static double cdfForDensity(double z) {
        double x = -z / Math.sqrt(2);
        double abs = Math.abs(x);
        double t = 1 / (1 + 0.5 * abs);
        double t2 = t * t;
        double t4 = t2 * t2;
        double polynomial = (ERFC[0] + ERFC[1] * t + (ERFC[2] + ERFC[3] * t) * t2)
                + (ERFC[4] + ERFC[5] * t + (ERFC[6] + ERFC[7] * t) * t2) * t4
                + (ERFC[8] + ERFC[9] * t) * (t4 * t4);
        double ans = t * FastExp.exp(-abs * abs + polynomial);
        return 0.5 * (x >= 0 ? ans : 2 - ans);
    }

    /** Standard deviations beyond which a normal's tail is below the precision {@link #mass} keeps. */
    static final double TAIL = 9;

    /** erfc with fractional error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double polynomial = ERFC[ERFC.length - 1];
        for (int k = ERFC.length - 2; k >= 0; k--) {
            polynomial = ERFC[k] + t * polynomial;
        }
        double ans = t * Math.exp(-z * z + polynomial);
        return x >= 0 ? ans : 2 - ans;
    }

    /** Φ⁻¹(p) for p in (0, 1) (Acklam's rational approximation, relative error below 1.2e-9). */
    static double inverseCdf(double p) {
        if (p <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        double q;
        if (p < P_LOW) {
            q = Math.sqrt(-2 * Math.log(p));
            return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        if (p > 1 - P_LOW) {
            q = Math.sqrt(-2 * Math.log1p(-p));
            return -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        q = p - 0.5;
        double r = q * q;
        return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5])
                * q
                / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }

    /** A draw from N(mu, sigma²) restricted to [low, high], by inversion on the tail that keeps precision. */
    static double truncated(SplittableRandom random, double mu, double sigma, double low, double high) {
        double a = (low - mu) / sigma;
        double b = (high - mu) / sigma;
        boolean mirrored = a > 0;
        if (mirrored) {
            double swap = a;
            a = -b;
            b = -swap;
        }
        double pa = cdf(a);
        double pb = cdf(b);
        double z = pb > pa ? inverseCdf(pa + random.nextDouble() * (pb - pa)) : (a + b) / 2;
        z = Math.min(b, Math.max(a, z));
        double x = mu + sigma * (mirrored ? -z : z);
        return Math.min(high, Math.max(low, x));
    }

    private static final double[] ERFC = {
        -1.26551223,
        1.00002368,
        0.37409196,
        0.09678418,
        -0.18628806,
        0.27886807,
        -1.13520398,
        1.48851587,
        -0.82215223,
        0.17087277
    };
    private static final double P_LOW = 0.02425;
    private static final double[] A = {
        -3.969683028665376e+01,
        2.209460984245205e+02,
        -2.759285104469687e+02,
        1.383577518672690e+02,
        -3.066479806614716e+01,
        2.506628277459239e+00
    };
    private static final double[] B = {
        -5.447609879822406e+01,
        1.615858368580409e+02,
        -1.556989798598866e+02,
        6.680131188771972e+01,
        -1.328068155288572e+01
    };
    private static final double[] C = {
        -7.784894002430293e-03,
        -3.223964580411365e-01,
        -2.400758277161838e+00,
        -2.549732539343734e+00,
        4.374664141464968e+00,
        2.938163982698783e+00
    };
    private static final double[] D = {
        7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    };
}
