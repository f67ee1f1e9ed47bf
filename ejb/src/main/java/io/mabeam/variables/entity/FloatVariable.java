package io.mabeam.variables.entity;

import java.util.Optional;

/**
 * A real number in [{@code low}, {@code high}], sampled uniformly or on a log scale, optionally on a grid of
 * {@code step} from {@code low} (then {@code high} is lowered onto the grid).
 */
public record FloatVariable(
        String name, double low, double high, boolean log, Double step, Optional<Condition> condition)
        implements Variable {

    public FloatVariable {
        Variable.checkedName(name);
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException(name + ": bounds are finite numbers");
        }
        if (low > high) {
            throw new IllegalArgumentException(name + ": low (" + low + ") is above high (" + high + ")");
        }
        if (log && low <= 0) {
            throw new IllegalArgumentException(name + ": a log-scale variable has a positive low bound");
        }
        if (step != null) {
            if (log) {
                throw new IllegalArgumentException(name + ": a log-scale variable has no step");
            }
            if (!(step > 0) || !Double.isFinite(step)) {
                throw new IllegalArgumentException(name + ": a step is a positive number");
            }
            high = low + Math.floor((high - low) / step + 1e-9) * step;
        }
        condition = condition == null ? Optional.empty() : condition;
    }

    public static FloatVariable uniform(String name, double low, double high) {
        return new FloatVariable(name, low, high, false, null, Optional.empty());
    }

    public static FloatVariable logUniform(String name, double low, double high) {
        return new FloatVariable(name, low, high, true, null, Optional.empty());
    }

    @Override
    public boolean admits(Object value) {
        if (!(value instanceof Number number)) {
            return false;
        }
        double x = number.doubleValue();
        if (!(x >= low && x <= high)) {
            return false;
        }
        if (step == null) {
            return true;
        }
        double k = (x - low) / step;
        return Math.abs(k - Math.rint(k)) < 1e-6;
    }
}
