package io.mabeam.variables.entity;

import java.util.Objects;
import java.util.Optional;

/** A variable with one value: part of the configuration a trial runs with, never searched. */
public record FixedVariable(String name, Object value, Optional<Condition> condition) implements Variable {

    public FixedVariable {
        Variable.checkedName(name);
        if (!CategoricalVariable.isScalar(value)) {
            throw new IllegalArgumentException(name + ": a fixed value is a string, number, boolean or null");
        }
        condition = condition == null ? Optional.empty() : condition;
    }

    @Override
    public boolean admits(Object candidate) {
        return Objects.equals(CategoricalVariable.normalized(candidate), CategoricalVariable.normalized(value));
    }
}
