package io.mabeam.optimization.entity;

import io.mabeam.variables.entity.SearchSpace;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a sampler or pruner knows of a study when it answers: the space, the objectives' directions and
 * every trial so far (any state, by number).
 */
public record StudyHistory(SearchSpace space, List<Direction> directions, List<Trial> trials) {

    public StudyHistory {
        if (directions.isEmpty()) {
            throw new IllegalArgumentException("a study has at least one objective");
        }
        directions = List.copyOf(directions);
        trials = trials.stream().sorted(Comparator.comparingLong(Trial::number)).toList();
    }

    /** The history of a stored study: its space, directions and trials. */
    public static StudyHistory of(StudyDefinition study, List<StoredTrial> trials) {
        return new StudyHistory(
                study.space(),
                study.directions(),
                trials.stream().map(StoredTrial::trial).toList());
    }

    public static StudyHistory minimizing(SearchSpace space, List<Trial> trials) {
        return new StudyHistory(space, List.of(Direction.MINIMIZE), trials);
    }

    public boolean multiObjective() {
        return directions.size() > 1;
    }

    public Direction direction() {
        if (multiObjective()) {
            throw new IllegalStateException("a multi-objective study has no single direction");
        }
        return directions.get(0);
    }

    public List<Trial> complete() {
        return trials.stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
    }

    public List<Trial> inState(TrialState state) {
        return trials.stream().filter(t -> t.state() == state).toList();
    }

    /** The single objective's value as a loss (smaller is better). */
    public double loss(Trial trial) {
        return direction().loss(trial.value());
    }

    /** The best complete feasible trial of a single-objective study. */
    public Optional<Trial> best() {
        return complete().stream().filter(Trial::feasible).min(Comparator.comparingDouble(this::loss));
    }

    /** The complete feasible trials no other complete feasible trial dominates, by number. */
    public List<Trial> paretoFront() {
        List<Trial> feasible = complete().stream().filter(Trial::feasible).toList();
        return feasible.stream()
                .filter(candidate -> feasible.stream().noneMatch(other -> dominates(other, candidate)))
                .toList();
    }

    /** Whether {@code a} is at least as good as {@code b} in every objective and better in one. */
    public boolean dominates(Trial a, Trial b) {
        boolean better = false;
        for (int m = 0; m < directions.size(); m++) {
            double la = directions.get(m).loss(a.values().get(m));
            double lb = directions.get(m).loss(b.values().get(m));
            if (la > lb) {
                return false;
            }
            better |= la < lb;
        }
        return better;
    }

    public StudyHistory with(Trial trial) {
        List<Trial> more = new java.util.ArrayList<>(
                trials.stream().filter(t -> t.number() != trial.number()).toList());
        more.add(trial);
        return new StudyHistory(space, directions, more);
    }
}
