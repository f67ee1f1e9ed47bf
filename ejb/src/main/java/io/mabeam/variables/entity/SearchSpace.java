package io.mabeam.variables.entity;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered set of variables. A conditional variable names a parent declared before it, with values the
 * parent can take; it is active when its parent is active and holds one of them (hierarchical spaces).
 */
public record SearchSpace(List<Variable> variables) {

    public SearchSpace {
        if (variables == null || variables.isEmpty()) {
            throw new IllegalArgumentException("a search space has at least one variable");
        }
        Map<String, Variable> declared = new HashMap<>();
        for (Variable variable : variables) {
            if (declared.containsKey(variable.name())) {
                throw new IllegalArgumentException("variable " + variable.name() + " is declared twice");
            }
            Optional<Condition> condition = variable.condition();
            if (condition.isPresent()) {
                Variable parent = declared.get(condition.get().parent());
                if (parent == null) {
                    throw new IllegalArgumentException(variable.name() + ": its condition's parent "
                            + condition.get().parent() + " is not declared before it");
                }
                for (Object value : condition.get().values()) {
                    if (!parent.admits(value)) {
                        throw new IllegalArgumentException(
                                variable.name() + ": its parent " + parent.name() + " never takes " + value);
                    }
                }
            }
            declared.put(variable.name(), variable);
        }
        variables = List.copyOf(variables);
    }

    public static SearchSpace of(Variable... variables) {
        return new SearchSpace(List.of(variables));
    }

    public Optional<Variable> variable(String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** Whether {@code variable} is active given the values chosen so far (its parent's among them). */
    public boolean isActive(Variable variable, Map<String, Object> chosen) {
        if (variable.condition().isEmpty()) {
            return true;
        }
        Condition condition = variable.condition().get();
        if (!chosen.containsKey(condition.parent())) {
            return false; // the parent is inactive
        }
        Variable parent = variable(condition.parent()).orElseThrow();
        Object value = chosen.get(condition.parent());
        return condition.values().stream().anyMatch(allowed -> admitsEqual(parent, allowed, value));
    }

    private static boolean admitsEqual(Variable parent, Object allowed, Object value) {
        return java.util.Objects.equals(CategoricalVariable.normalized(allowed), CategoricalVariable.normalized(value));
    }

    /**
     * Checks a complete assignment (a trial's parameters): every active variable has a value in its domain,
     * no inactive or unknown variable has one. Answers the assignment in declaration order.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public Map<String, Object> check(Map<String, Object> parameters) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (Variable variable : variables) {
            boolean active = isActive(variable, ordered);
            boolean given = parameters.containsKey(variable.name());
            if (active && !given) {
                throw new IllegalArgumentException("variable " + variable.name() + " is active and needs a value");
            }
            if (!active && given) {
                throw new IllegalArgumentException("variable " + variable.name() + " is not active here");
            }
            if (active) {
                Object value = parameters.get(variable.name());
                if (!variable.admits(value)) {
                    throw new IllegalArgumentException(value + " is outside the domain of " + variable.name());
                }
                ordered.put(variable.name(), value);
            }
        }
        for (String name : parameters.keySet()) {
            if (variable(name).isEmpty()) {
                throw new IllegalArgumentException("there is no variable " + name);
            }
        }
        return ordered;
    }
}
