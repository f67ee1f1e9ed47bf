package io.mabeam.optimization.entity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One evaluation of the objective(s) at one point of a search space, as samplers and pruners see it.
 *
 * @param number the trial's number in its study, from 0, never reused
 * @param parameters the values of the active variables, in declaration order
 * @param values the objective values once complete (one per objective), empty before
 * @param intermediates values reported along the way, by step
 * @param constraints constraint values; a trial is feasible when every one is ≤ 0 (none: feasible)
 * @param systemAttributes what a sampler recorded at ask time (a CMA-ES generation, say)
 */
public record Trial(
        long number,
        TrialState state,
        Map<String, Object> parameters,
        List<Double> values,
        SortedMap<Long, Double> intermediates,
        List<Double> constraints,
        Map<String, Object> systemAttributes) {

    public Trial {
        parameters = Map.copyOf(parameters);
        values = List.copyOf(values);
        intermediates = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(intermediates));
        constraints = List.copyOf(constraints);
        systemAttributes = Map.copyOf(systemAttributes);
    }

    /** A finished trial with objective values and nothing else: what tests and benchmarks build. */
    public static Trial complete(long number, Map<String, Object> parameters, double... values) {
        return new Trial(
                number,
                TrialState.COMPLETE,
                parameters,
                java.util.Arrays.stream(values).boxed().toList(),
                new TreeMap<>(),
                List.of(),
                Map.of());
    }

    public static Trial running(long number, Map<String, Object> parameters) {
        return new Trial(number, TrialState.RUNNING, parameters, List.of(), new TreeMap<>(), List.of(), Map.of());
    }

    public Trial withIntermediate(long step, double value) {
        TreeMap<Long, Double> more = new TreeMap<>(intermediates);
        more.put(step, value);
        return new Trial(number, state, parameters, values, more, constraints, systemAttributes);
    }

    public Trial withState(TrialState next) {
        return new Trial(number, next, parameters, values, intermediates, constraints, systemAttributes);
    }

    public Trial withConstraints(List<Double> next) {
        return new Trial(number, state, parameters, values, intermediates, next, systemAttributes);
    }

    public Trial withSystemAttributes(Map<String, Object> next) {
        return new Trial(number, state, parameters, values, intermediates, constraints, next);
    }

    /** The single objective's value (complete trials of single-objective studies). */
    public double value() {
        if (values.size() != 1) {
            throw new IllegalStateException("trial " + number + " has " + values.size() + " values");
        }
        return values.get(0);
    }

    public boolean feasible() {
        for (double c : constraints) {
            if (!(c <= 0)) {
                return false;
            }
        }
        return true;
    }

    /** How far from feasible: the sum of positive constraint values. */
    public double violation() {
        return constraints.stream().mapToDouble(c -> Math.max(0, c)).sum();
    }

    public Optional<Double> lastIntermediate() {
        return intermediates.isEmpty() ? Optional.empty() : Optional.of(intermediates.get(intermediates.lastKey()));
    }
}
