package io.mabeam.optimization.entity;

import java.util.List;

/**
 * How a running trial ended, as its worker tells it: complete with one value per objective, pruned, or
 * failed; optionally with constraint values (feasible when all ≤ 0).
 */
public record Outcome(TrialState state, List<Double> values, List<Double> constraints) {

    public Outcome {
        if (state == null || !state.finished()) {
            throw new IllegalArgumentException("a trial ends COMPLETE, PRUNED or FAILED");
        }
        values = values == null ? List.of() : List.copyOf(values);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        for (Double value : values) {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("objective values are finite numbers, not " + value);
            }
        }
        for (Double value : constraints) {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("constraint values are finite numbers, not " + value);
            }
        }
        if (state == TrialState.COMPLETE && values.isEmpty()) {
            throw new IllegalArgumentException("a complete trial has its objective values");
        }
        if (state == TrialState.FAILED && !values.isEmpty()) {
            throw new IllegalArgumentException("a failed trial has no objective values");
        }
    }

    public static Outcome complete(double... values) {
        return new Outcome(
                TrialState.COMPLETE, java.util.Arrays.stream(values).boxed().toList(), List.of());
    }
}
