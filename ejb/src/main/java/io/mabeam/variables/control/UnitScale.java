package io.mabeam.variables.control;

import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.FixedVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.Variable;

/**
 * Maps a variable's domain to the unit interval and back, as samplers see it: numbers linearly (or in
 * log space), snapped to their grid on the way back; categoricals by position, each choice an equal share.
 * A sampler that draws u in [0, 1) gets a value in the domain, whatever the variable.
 */
public final class UnitScale {

    private UnitScale() {}

    /** The value of {@code variable} at {@code u} in [0, 1]. */
    public static Object fromUnit(Variable variable, double u) {
        double t = Math.min(1, Math.max(0, u));
        if (variable instanceof FloatVariable f) {
            return floatAt(f, t);
        }
        if (variable instanceof IntVariable i) {
            return intAt(i, t);
        }
        if (variable instanceof CategoricalVariable c) {
            return c.choices()
                    .get(Math.min(c.choices().size() - 1, (int) (t * c.choices().size())));
        }
        return ((FixedVariable) variable).value();
    }

    /** Where {@code value} lies in [0, 1] (a categorical choice at the middle of its share). */
    public static double toUnit(Variable variable, Object value) {
        if (variable instanceof FloatVariable f) {
            return position(f.low(), f.high(), f.log(), ((Number) value).doubleValue());
        }
        if (variable instanceof IntVariable i) {
            return intPosition(i, ((Number) value).longValue());
        }
        if (variable instanceof CategoricalVariable c) {
            return (c.indexOf(value) + 0.5) / c.choices().size();
        }
        return 0.5;
    }

    private static double floatAt(FloatVariable f, double t) {
        if (f.low() == f.high()) {
            return f.low();
        }
        if (f.log()) {
            double x = Math.exp(Math.log(f.low()) + t * (Math.log(f.high()) - Math.log(f.low())));
            return Math.min(f.high(), Math.max(f.low(), x));
        }
        if (f.step() == null) {
            return Math.min(f.high(), f.low() + t * (f.high() - f.low()));
        }
        long steps = Math.round((f.high() - f.low()) / f.step());
        long k = Math.min(steps, (long) Math.floor(t * (steps + 1)));
        return Math.min(f.high(), f.low() + k * f.step());
    }

    private static long intAt(IntVariable i, double t) {
        if (i.log()) {
            // equal shares of log space for the half-open cells [v - 0.5, v + 0.5]
            double lo = Math.log(i.low() - 0.5);
            double hi = Math.log(i.high() + 0.5);
            long v = Math.round(Math.exp(lo + t * (hi - lo)));
            return Math.min(i.high(), Math.max(i.low(), v));
        }
        long steps = (i.high() - i.low()) / i.step();
        long k = Math.min(steps, (long) Math.floor(t * (steps + 1)));
        return i.low() + k * i.step();
    }

    private static double position(double low, double high, boolean log, double x) {
        if (low == high) {
            return 0.5;
        }
        return log ? (Math.log(x) - Math.log(low)) / (Math.log(high) - Math.log(low)) : (x - low) / (high - low);
    }

    private static double intPosition(IntVariable i, long v) {
        if (i.log()) {
            double lo = Math.log(i.low() - 0.5);
            double hi = Math.log(i.high() + 0.5);
            return (Math.log(v) - lo) / (hi - lo);
        }
        long steps = (i.high() - i.low()) / i.step();
        return ((v - i.low()) / (double) i.step() + 0.5) / (steps + 1);
    }
}
