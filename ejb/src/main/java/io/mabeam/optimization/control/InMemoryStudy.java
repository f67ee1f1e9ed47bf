package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Suggestion;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.variables.entity.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A study held in memory, driven by ask and tell: for Java code that optimizes in-process (benchmarks,
 * agents' inner loops) with the same samplers and the same answers as a persisted study.
 */
public final class InMemoryStudy {

    private final SearchSpace space;
    private final List<Direction> directions;
    private final Sampler sampler;
    private final List<Trial> trials = new ArrayList<>();
    private final List<Map<String, Object>> queue = new ArrayList<>();

    public InMemoryStudy(SearchSpace space, List<Direction> directions, Sampler sampler) {
        this.space = space;
        this.directions = List.copyOf(directions);
        this.sampler = sampler;
    }

    /** Runs these parameters as the next trial asked, before anything the sampler suggests (as a study's queue). */
    public synchronized void enqueue(Map<String, Object> parameters) {
        queue.add(space.check(parameters));
    }

    public synchronized Trial ask() {
        long number = trials.size();
        Suggestion suggestion =
                queue.isEmpty() ? sampler.suggest(history(), number) : new Suggestion(queue.remove(0), Map.of());
        Trial trial = new Trial(
                number,
                TrialState.RUNNING,
                space.check(suggestion.parameters()),
                List.of(),
                new TreeMap<>(),
                List.of(),
                suggestion.systemAttributes());
        trials.add(trial);
        return trial;
    }

    public synchronized Trial tell(long number, double... values) {
        Trial running = trials.get((int) number);
        if (running.state() != TrialState.RUNNING) {
            throw new IllegalStateException("trial " + number + " is " + running.state());
        }
        if (values.length != directions.size()) {
            throw new IllegalArgumentException(
                    "the study has " + directions.size() + " objectives, not " + values.length);
        }
        Trial done = new Trial(
                number,
                TrialState.COMPLETE,
                running.parameters(),
                java.util.Arrays.stream(values).boxed().toList(),
                running.intermediates(),
                running.constraints(),
                running.systemAttributes());
        trials.set((int) number, done);
        return done;
    }

    public synchronized Trial tell(long number, TrialState state) {
        Trial running = trials.get((int) number);
        Trial done = running.withState(state);
        trials.set((int) number, done);
        return done;
    }

    /** Records a running trial's intermediate value; true when {@code pruner} would stop it now. */
    public synchronized boolean report(long number, long step, double value, Pruner pruner) {
        Trial reported = trials.get((int) number).withIntermediate(step, value);
        trials.set((int) number, reported);
        return pruner.shouldPrune(history(), reported);
    }

    public synchronized StudyHistory history() {
        return new StudyHistory(space, directions, trials);
    }

    public synchronized List<Trial> trials() {
        return List.copyOf(trials);
    }

    /** Convenience: ask, evaluate, tell, {@code count} times. */
    public void optimize(java.util.function.Function<Map<String, Object>, double[]> objective, int count) {
        for (int i = 0; i < count; i++) {
            Trial trial = ask();
            tell(trial.number(), objective.apply(trial.parameters()));
        }
    }
}
