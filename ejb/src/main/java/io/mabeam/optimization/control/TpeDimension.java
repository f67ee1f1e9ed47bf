package io.mabeam.optimization.control;

import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.Variable;

/**
 * A variable as the Parzen estimators see it: a continuous interval (log variables in log space, log
 * integers over the log of their half-open cells), a grid with a step (stepped floats, integers) whose kernels
 * give each grid point the mass of its cell, or a set of choices.
 */
final class TpeDimension {

    enum Kind {
        CONTINUOUS,
        DISCRETE,
        CATEGORICAL
    }

    final Variable variable;
    final Kind kind;
    /** The ends of the interval kernels live on (a grid's extended by half a step). */
    final double low;

    final double high;
    final double step;
    final int choices;

    /** The variable when a float without a step (the common case, read faster), else null. */
    private final FloatVariable plain;

    private TpeDimension(Variable variable, Kind kind, double low, double high, double step, int choices) {
        this.plain = variable instanceof FloatVariable f && f.step() == null ? f : null;
        this.variable = variable;
        this.kind = kind;
        this.low = low;
        this.high = high;
        this.step = step;
        this.choices = choices;
    }

    /** The dimension of a variable, or null for a fixed one (nothing to learn). */
    static TpeDimension of(Variable variable) {
        if (variable instanceof FloatVariable f) {
            if (f.log()) {
                return new TpeDimension(variable, Kind.CONTINUOUS, Math.log(f.low()), Math.log(f.high()), 0, 0);
            }
            if (f.step() != null) {
                return new TpeDimension(
                        variable, Kind.DISCRETE, f.low() - f.step() / 2, f.high() + f.step() / 2, f.step(), 0);
            }
            return new TpeDimension(variable, Kind.CONTINUOUS, f.low(), f.high(), 0, 0);
        }
        if (variable instanceof IntVariable i) {
            if (i.log()) {
                return new TpeDimension(
                        variable, Kind.CONTINUOUS, Math.log(i.low() - 0.5), Math.log(i.high() + 0.5), 0, 0);
            }
            return new TpeDimension(
                    variable, Kind.DISCRETE, i.low() - i.step() / 2.0, i.high() + i.step() / 2.0, i.step(), 0);
        }
        if (variable instanceof CategoricalVariable c) {
            return new TpeDimension(
                    variable, Kind.CATEGORICAL, 0, 0, 0, c.choices().size());
        }
        return null;
    }

    /** A value of the variable in this dimension's coordinates. */
    double internal(Object value) {
        if (kind == Kind.CATEGORICAL) {
            return ((CategoricalVariable) variable).indexOf(value);
        }
        double x = ((Number) value).doubleValue();
        return isLog() ? Math.log(x) : x;
    }

    /** A value in this dimension's coordinates, or NaN for none or one the variable does not admit. */
    double internalIfAdmitted(Object value) {
        if (plain != null && value instanceof Double number) {
            // what admits and internal do for a float without a step, in one go
            double x = number;
            if (!(x >= plain.low() && x <= plain.high())) {
                return Double.NaN;
            }
            return plain.log() ? Math.log(x) : x;
        }
        if (value == null || !variable.admits(value)) {
            return Double.NaN;
        }
        return internal(value);
    }

    /** The variable's value at a coordinate (grid points and integers rounded, bounds enforced). */
    Object value(double x) {
        if (variable instanceof CategoricalVariable c) {
            return c.choices().get((int) x);
        }
        if (variable instanceof FloatVariable f) {
            if (f.log()) {
                return Math.min(f.high(), Math.max(f.low(), Math.exp(x)));
            }
            if (f.step() != null) {
                long k = Math.round((x - f.low()) / f.step());
                return Math.min(f.high(), Math.max(f.low(), f.low() + k * f.step()));
            }
            return Math.min(f.high(), Math.max(f.low(), x));
        }
        IntVariable i = (IntVariable) variable;
        long v = i.log() ? Math.round(Math.exp(x)) : i.low() + Math.round((x - i.low()) / i.step()) * i.step();
        return Math.min(i.high(), Math.max(i.low(), v));
    }

    /** A drawn coordinate moved onto what the variable can take (a grid point, an integer's log). */
    double snapped(double x) {
        if (kind == Kind.CATEGORICAL) {
            return x;
        }
        Object value = value(x);
        return internal(value);
    }

    private boolean isLog() {
        return (variable instanceof FloatVariable f && f.log()) || (variable instanceof IntVariable i && i.log());
    }
}
