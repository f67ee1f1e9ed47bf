package io.mabeam.optimization.control;

/**
 * The logarithm of expected improvement, stable far below the incumbent. For a posterior N(μ, s²) at a point
 * and the best loss so far b, minimizing, EI = s · h(z) with z = (b − μ)/s and h(z) = z Φ(z) + φ(z). Where z is
 * very negative h underflows and zΦ(z) + φ(z) cancels, so below {@value #ASYMPTOTIC_BELOW} it takes the
 * asymptotic series h(z) = φ(z)/z² · (1 − 3/z² + 15/z⁴ − …) in log form (Ament et al., "Unexpected improvements
 * to expected improvement", NeurIPS 2023, use the same idea with erfcx). The flat EI surface far from the
 * incumbent keeps a slope in log form, so the local search still climbs.
 */
final class LogExpectedImprovement {

    static final double ASYMPTOTIC_BELOW = -10;
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private LogExpectedImprovement() {}

    /** log h(z). */
    static double logH(double z) {
        if (z >= ASYMPTOTIC_BELOW) {
            return Math.log(z * Gaussian.cdf(z) + Gaussian.density(z));
        }
        double inverseSquare = 1 / (z * z);
        return -0.5 * z * z - LOG_SQRT_2PI + Math.log(inverseSquare) + Math.log(tailOfH(inverseSquare));
    }

    /** d log h / dz = Φ(z) / h(z) (h' = Φ). */
    static double slope(double z) {
        if (z >= ASYMPTOTIC_BELOW) {
            return Gaussian.cdf(z) / (z * Gaussian.cdf(z) + Gaussian.density(z));
        }
        // Φ(z) = φ(z)/|z| · (1 − 1/z² + 3/z⁴ − …), h(z) = φ(z)/z² · (1 − 3/z² + 15/z⁴ − …)
        double inverseSquare = 1 / (z * z);
        return -z * tailOfCdf(inverseSquare) / tailOfH(inverseSquare);
    }

    /** log EI for posterior mean {@code mean}, standard deviation {@code sd} and best loss {@code best}. */
    static double of(double mean, double sd, double best) {
        return Math.log(sd) + logH((best - mean) / sd);
    }

    /** 1 − 3t + 15t² − 105t³ + 945t⁴ − 10395t⁵ (t = 1/z²). */
    private static double tailOfH(double t) {
        return 1 + t * (-3 + t * (15 + t * (-105 + t * (945 + t * -10395))));
    }

    /** 1 − t + 3t² − 15t³ + 105t⁴ − 945t⁵. */
    private static double tailOfCdf(double t) {
        return 1 + t * (-1 + t * (3 + t * (-15 + t * (105 + t * -945))));
    }
}
