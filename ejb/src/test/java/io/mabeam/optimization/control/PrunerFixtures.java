package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.SearchSpace;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Hand-built trials with intermediate values, for the pruner tests. */
final class PrunerFixtures {

    static final SearchSpace SPACE = SearchSpace.of(FloatVariable.uniform("x", 0, 1));

    private PrunerFixtures() {}

    /** A trial that reported {@code values} at steps 0, 1, 2, …; a complete one's value is its last. */
    static Trial reported(long number, TrialState state, double... values) {
        TreeMap<Long, Double> intermediates = new TreeMap<>();
        for (int step = 0; step < values.length; step++) {
            intermediates.put((long) step, values[step]);
        }
        return atSteps(number, state, intermediates);
    }

    static Trial atSteps(long number, TrialState state, Map<Long, Double> intermediates) {
        List<Double> value = state == TrialState.COMPLETE && !intermediates.isEmpty()
                ? List.of(new TreeMap<>(intermediates).lastEntry().getValue())
                : List.of();
        return new Trial(number, state, Map.of("x", 0.5), value, new TreeMap<>(intermediates), List.of(), Map.of());
    }

    static Trial running(long number, double... values) {
        return reported(number, TrialState.RUNNING, values);
    }

    static Trial complete(long number, double... values) {
        return reported(number, TrialState.COMPLETE, values);
    }

    static StudyHistory history(Direction direction, List<Trial> others, Trial trial) {
        List<Trial> all = new java.util.ArrayList<>(others);
        all.add(trial);
        return new StudyHistory(SPACE, List.of(direction), all);
    }

    static boolean prunes(Pruner pruner, Direction direction, List<Trial> others, Trial trial) {
        return pruner.shouldPrune(history(direction, others, trial), trial);
    }
}
