package io.mabeam.improvement.control;

import io.mabeam.variables.entity.FixedVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.Variable;
import java.util.Locale;
import java.util.Map;

/**
 * The geometry of a numeric variable as the coder's rules see it: its bounds, a position in them (on the log
 * scale for log variables), its natural limits, and the variable with other bounds.
 */
public final class VariableBounds {

    /** The natural limits of the variables a network objective knows (docs/training.md). */
    public static final Map<String, double[]> NATURAL = Map.ofEntries(
            Map.entry("layers", new double[] {0, 8}),
            Map.entry("units", new double[] {1, 1024}),
            Map.entry("dropout", new double[] {0, 0.9}),
            Map.entry("l2", new double[] {0, 1}),
            Map.entry("learning_rate", new double[] {1e-7, 1}),
            Map.entry("batch_size", new double[] {1, 4096}),
            Map.entry("epochs", new double[] {1, 10_000}));

    private VariableBounds() {}

    public static boolean isNumeric(Variable variable) {
        return variable instanceof FloatVariable || variable instanceof IntVariable;
    }

    /** Where a value lies in a variable's range, 0 at low and 1 at high (on the log scale for log variables). */
    public static double position(Variable variable, Object value) {
        if (!(value instanceof Number number)) {
            return Double.NaN;
        }
        double x = number.doubleValue();
        double low = low(variable);
        double high = high(variable);
        if (high <= low) {
            return 0.5;
        }
        if (isLog(variable)) {
            return (Math.log(x) - Math.log(low)) / (Math.log(high) - Math.log(low));
        }
        return (x - low) / (high - low);
    }

    /** The value at a position of a variable's range. */
    public static double at(Variable variable, double position) {
        double low = low(variable);
        double high = high(variable);
        return isLog(variable)
                ? Math.exp(Math.log(low) + position * (Math.log(high) - Math.log(low)))
                : low + position * (high - low);
    }

    public static double[] natural(Variable variable) {
        String name = variable.name().startsWith("units_") ? "units" : variable.name();
        double[] limits = NATURAL.get(name);
        if (limits != null) {
            return limits;
        }
        return new double[] {isLog(variable) ? Double.MIN_NORMAL : -Double.MAX_VALUE, Double.MAX_VALUE};
    }

    public static Variable withBounds(Variable variable, double low, double high) {
        if (variable instanceof FloatVariable f) {
            return new FloatVariable(f.name(), low, high, f.log(), f.step(), f.condition());
        }
        IntVariable i = (IntVariable) variable;
        long lo = Math.max(i.log() ? 1 : Long.MIN_VALUE, (long) Math.floor(low + 1e-9));
        long hi = Math.max(lo, (long) Math.ceil(high - 1e-9));
        return new IntVariable(i.name(), lo, hi, i.log(), i.step(), i.condition());
    }

    public static double low(Variable variable) {
        return variable instanceof FloatVariable f ? f.low() : ((IntVariable) variable).low();
    }

    public static double high(Variable variable) {
        return variable instanceof FloatVariable f ? f.high() : ((IntVariable) variable).high();
    }

    public static boolean isLog(Variable variable) {
        return variable instanceof FloatVariable f ? f.log() : ((IntVariable) variable).log();
    }

    public static String describe(Variable variable) {
        if (variable instanceof FloatVariable f) {
            return "[" + format(f.low()) + ", " + format(f.high()) + "]" + (f.log() ? " log" : "");
        }
        if (variable instanceof IntVariable i) {
            return "[" + i.low() + ", " + i.high() + "]" + (i.log() ? " log" : "") + " int";
        }
        if (variable instanceof FixedVariable f) {
            return "fixed at " + f.value();
        }
        return variable.toString();
    }

    public static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
    /** The variable with its range grown by its own width (its factor on a log scale) on one side, within limits. */
    public static Variable extended(Variable variable, boolean upward) {
        double low = low(variable);
        double high = high(variable);
        double[] natural = natural(variable);
        double newLow = low;
        double newHigh = high;
        if (isLog(variable)) {
            double factor = Math.max(high / low, 2);
            if (upward) {
                newHigh = Math.min(high * factor, natural[1]);
            } else {
                newLow = Math.max(low / factor, Math.max(natural[0], Double.MIN_NORMAL));
            }
        } else {
            double width = Math.max(high - low, variable instanceof IntVariable ? 1 : 1e-12);
            if (upward) {
                newHigh = Math.min(high + width, natural[1]);
            } else {
                newLow = Math.max(low - width, natural[0]);
            }
        }
        Variable next = withBounds(variable, newLow, newHigh);
        return low(next) == low && high(next) == high ? variable : next;
    }
}
