package io.mabeam.variables.entity;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One of an ordered list of JSON scalars: strings, numbers, booleans (null included). Numbers compare by
 * value, so {@code 1} and {@code 1.0} are the same choice.
 */
public record CategoricalVariable(String name, List<Object> choices, Optional<Condition> condition)
        implements Variable {

    public CategoricalVariable {
        Variable.checkedName(name);
        if (choices == null || choices.isEmpty()) {
            throw new IllegalArgumentException(name + ": a categorical variable has at least one choice");
        }
        Set<Object> seen = new HashSet<>();
        for (Object choice : choices) {
            if (!isScalar(choice)) {
                throw new IllegalArgumentException(name + ": choices are strings, numbers, booleans or null");
            }
            if (!seen.add(normalized(choice))) {
                throw new IllegalArgumentException(name + ": choice " + choice + " appears twice");
            }
        }
        choices = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(choices));
        condition = condition == null ? Optional.empty() : condition;
    }

    public static CategoricalVariable of(String name, Object... choices) {
        return new CategoricalVariable(name, java.util.Arrays.asList(choices), Optional.empty());
    }

    /** The position of {@code value} among the choices, or -1. */
    public int indexOf(Object value) {
        Object wanted = normalized(value);
        for (int i = 0; i < choices.size(); i++) {
            if (java.util.Objects.equals(normalized(choices.get(i)), wanted)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean admits(Object value) {
        return isScalar(value) && indexOf(value) >= 0;
    }

    static boolean isScalar(Object value) {
        return value == null || value instanceof String || value instanceof Boolean || value instanceof Number;
    }

    static Object normalized(Object value) {
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros();
        }
        return value;
    }
}
