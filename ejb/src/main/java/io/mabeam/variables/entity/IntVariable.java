package io.mabeam.variables.entity;

import java.util.Optional;

/**
 * A whole number in [{@code low}, {@code high}] on a grid of {@code step} from {@code low} (then {@code high}
 * is lowered onto the grid), sampled uniformly or on a log scale (step 1 only).
 */
public record IntVariable(String name, long low, long high, boolean log, long step, Optional<Condition> condition)
        implements Variable {

    public IntVariable {
        Variable.checkedName(name);
        if (low > high) {
            throw new IllegalArgumentException(name + ": low (" + low + ") is above high (" + high + ")");
        }
        if (step < 1) {
            throw new IllegalArgumentException(name + ": a step is at least 1");
        }
        if (log && (low < 1 || step != 1)) {
            throw new IllegalArgumentException(name + ": a log-scale integer has a low bound of at least 1 and step 1");
        }
        high = low + Math.floorDiv(high - low, step) * step;
        condition = condition == null ? Optional.empty() : condition;
    }

    public static IntVariable uniform(String name, long low, long high) {
        return new IntVariable(name, low, high, false, 1, Optional.empty());
    }

    @Override
    public boolean admits(Object value) {
        if (!(value instanceof Number number)) {
            return false;
        }
        double x = number.doubleValue();
        if (x != Math.rint(x) || x < low || x > high) {
            return false;
        }
        return Math.floorMod((long) x - low, step) == 0;
    }
}
