package io.mabeam.economics.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts of credits: kept as whole micro-credits, written as decimals with at most six places. */
public final class Credits {

    public static final long MICROS = 1_000_000L;
    private static final BigDecimal MICROS_DECIMAL = BigDecimal.valueOf(MICROS);

    private Credits() {}

    /**
     * @throws IllegalArgumentException more than six decimal places, or too large an amount
     */
    public static long micros(BigDecimal credits) {
        BigDecimal scaled = credits.multiply(MICROS_DECIMAL);
        try {
            return scaled.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "an amount of credits has at most six decimal places and fits in 9.2e12: "
                            + credits.toPlainString());
        }
    }

    public static BigDecimal decimal(long micros) {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    }

    public static String format(long micros) {
        BigDecimal decimal = decimal(micros);
        return (decimal.scale() < 0 ? decimal.setScale(0) : decimal).toPlainString();
    }
}
