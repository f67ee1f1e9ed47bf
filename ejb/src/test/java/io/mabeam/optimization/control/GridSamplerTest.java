package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Suggestion;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.Condition;
import io.mabeam.variables.entity.FixedVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.SearchSpace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GridSamplerTest {

    static final SearchSpace CONDITIONAL = SearchSpace.of(
            CategoricalVariable.of("optimizer", "sgd", "adam"),
            new FloatVariable("momentum", 0, 1, false, null, Optional.of(new Condition("optimizer", List.of("sgd")))),
            FloatVariable.logUniform("lr", 1e-4, 1),
            new FixedVariable("epochs", 10, Optional.empty()));

    static final Map<String, List<?>> CONDITIONAL_GRID =
            Map.of("optimizer", List.of("sgd", "adam"), "momentum", List.of(0.5, 0.9), "lr", List.of(0.1, 0.01));

    static final SearchSpace MIXED = SearchSpace.of(
            CategoricalVariable.of("kind", "a", "b", "c"),
            IntVariable.uniform("n", 1, 4),
            FloatVariable.uniform("x", 0, 1),
            new FloatVariable("y", -1, 1, false, 0.5, Optional.empty()));

    @Test
    void conditionalVariablesBranchOnlyWhereActive() {
        GridSampler grid = new GridSampler(CONDITIONAL, CONDITIONAL_GRID, 1);
        // sgd × 2 momenta × 2 rates, adam × 2 rates
        assertThat(grid.size()).isEqualTo(6);
        assertThat(new HashSet<>(grid.points())).hasSize(6);
        for (Map<String, Object> point : grid.points()) {
            assertThat(CONDITIONAL.check(point)).isEqualTo(point);
            assertThat(point).containsEntry("epochs", 10);
        }
        assertThat(grid.name()).isEqualTo("grid");
    }

    @Property(tries = 30)
    void coversEveryPointOnceInItsFirstTrialsWhileTrialsRunConcurrently(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int workers) {
        GridSampler grid = GridSampler.automatic(MIXED, seed, new GridSampler.Options(3, 100));
        assertThat(grid.size()).isEqualTo(3 * 4 * 3 * 5);
        SplittableRandom random = new SplittableRandom(seed);
        StudyHistory history = StudyHistory.minimizing(MIXED, List.of());
        List<Trial> running = new ArrayList<>();
        for (int number = 0; number < grid.size(); number++) {
            assertThat(grid.exhausted(history)).isFalse();
            if (running.size() == workers) { // a random running trial finishes (or fails and is retried later)
                Trial done = running.remove(random.nextInt(running.size()));
                history = history.with(Trial.complete(done.number(), done.parameters(), 1.0));
            }
            Suggestion suggestion = grid.suggest(history, number);
            Trial trial = Trial.running(number, suggestion.parameters());
            running.add(trial);
            history = history.with(trial);
        }
        Set<Map<String, Object>> seen = new HashSet<>();
        history.trials().forEach(t -> seen.add(t.parameters()));
        assertThat(seen).hasSize(grid.size()).containsExactlyInAnyOrderElementsOf(grid.points());
        assertThat(grid.exhausted(history)).isTrue();
    }

    @Test
    void simultaneousAsksFromTheSameHistoryGetDifferentPoints() {
        GridSampler grid = new GridSampler(CONDITIONAL, CONDITIONAL_GRID, 7);
        StudyHistory history = StudyHistory.minimizing(CONDITIONAL, List.of());
        Set<Map<String, Object>> asked = new HashSet<>();
        for (int number = 0; number < grid.size(); number++) {
            asked.add(grid.suggest(history, number).parameters());
        }
        assertThat(asked).hasSize(grid.size());
    }

    @Test
    void failedTrialsGiveTheirPointBackAndAnExhaustedGridCycles() {
        GridSampler grid = new GridSampler(CONDITIONAL, CONDITIONAL_GRID, 3);
        StudyHistory history = StudyHistory.minimizing(CONDITIONAL, List.of());
        for (int number = 0; number < 6; number++) {
            Map<String, Object> params = grid.suggest(history, number).parameters();
            Trial trial = Trial.complete(number, params, 0.0);
            history = history.with(number == 2 ? trial.withState(TrialState.FAILED) : trial);
        }
        assertThat(grid.exhausted(history)).isFalse();
        Map<String, Object> retried = grid.suggest(history, 6).parameters();
        assertThat(retried).isEqualTo(history.trials().get(2).parameters());
        history = history.with(Trial.complete(6, retried, 0.0));
        assertThat(grid.exhausted(history)).isTrue();
        for (int number = 7; number < 13; number++) {
            Map<String, Object> params = grid.suggest(history, number).parameters();
            history = history.with(Trial.complete(number, params, 0.0));
        }
        Set<Map<String, Object>> secondRound = new HashSet<>();
        history.trials().stream().skip(7).forEach(t -> secondRound.add(t.parameters()));
        assertThat(secondRound).hasSize(6);
    }

    @Test
    void aPointIsUsedWhateverNumberTypeTheTrialHoldsItIn() {
        SearchSpace space = SearchSpace.of(IntVariable.uniform("n", 1, 2), FloatVariable.uniform("x", 0, 1));
        GridSampler grid = new GridSampler(space, Map.of("n", List.of(1L, 2L), "x", List.of(0.5)), 5);
        StudyHistory history = StudyHistory.minimizing(space, List.of(Trial.running(0, Map.of("n", 1, "x", 0.50f))));
        assertThat(grid.suggest(history, 1).parameters()).containsEntry("n", 2L);
    }

    @Test
    void theSeedFixesTheOrderOnEveryInstance() {
        GridSampler first = GridSampler.automatic(MIXED, 99);
        StudyHistory history = StudyHistory.minimizing(MIXED, List.of());
        for (int number = 0; number < 10; number++) {
            Suggestion suggestion = first.suggest(history, number);
            assertThat(GridSampler.automatic(MIXED, 99).suggest(history, number))
                    .isEqualTo(suggestion);
            history = history.with(Trial.running(number, suggestion.parameters()));
        }
        assertThat(GridSampler.automatic(MIXED, 100).points()).isNotEqualTo(first.points());
        assertThat(new HashSet<>(GridSampler.automatic(MIXED, 100).points())).isEqualTo(new HashSet<>(first.points()));
    }

    @Test
    void anAutomaticGridListsChoicesAllFewIntegersAndEvenlySpacedNumbers() {
        SearchSpace space = SearchSpace.of(
                CategoricalVariable.of("c", "x", "y"),
                IntVariable.uniform("few", 1, 5),
                IntVariable.uniform("many", 0, 1000),
                new IntVariable("wide", 1, 100_000, true, 1, null),
                new FloatVariable("stepped", 0, 1, false, 0.1, null),
                FloatVariable.uniform("plain", -1, 1),
                FloatVariable.logUniform("rate", 1e-4, 1),
                new FixedVariable("epochs", 10, Optional.empty()));
        Map<String, List<Object>> grid = GridSampler.automaticGrid(space, GridSampler.Options.defaults());
        assertThat(grid.get("c")).containsExactly("x", "y");
        assertThat(grid.get("few")).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(grid.get("many")).hasSize(100).startsWith(0L, 10L).endsWith(1000L);
        assertThat(grid.get("wide")).startsWith(1L).endsWith(100_000L).hasSizeBetween(50, 100);
        assertThat(grid.get("stepped"))
                .hasSize(11)
                .contains(0.3, 0.7)
                .startsWith(0.0)
                .endsWith(1.0);
        assertThat(grid.get("plain")).hasSize(10).startsWith(-1.0).endsWith(1.0);
        assertThat(grid.get("rate")).hasSize(10);
        assertThat((Double) grid.get("rate").get(3))
                .isCloseTo(1e-4 * Math.pow(1e4, 3 / 9.0), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(grid.get("epochs")).containsExactly(10);
        for (Map.Entry<String, List<Object>> entry : grid.entrySet()) {
            entry.getValue()
                    .forEach(v -> assertThat(
                                    space.variable(entry.getKey()).orElseThrow().admits(v))
                            .isTrue());
        }
    }

    @Test
    void refusesGridsThatDoNotFitTheSpace() {
        assertThatThrownBy(
                        () -> new GridSampler(CONDITIONAL, Map.of("optimizer", List.of("sgd"), "lr", List.of(0.1)), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs values for variable momentum");
        assertThatThrownBy(() -> new GridSampler(
                        CONDITIONAL,
                        Map.of("optimizer", List.of("sgd"), "momentum", List.of(0.5), "lr", List.of(2.0)),
                        1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2.0 is outside the domain of lr");
        assertThatThrownBy(() -> new GridSampler(
                        CONDITIONAL,
                        Map.of("optimizer", List.of("sgd", "rmsprop"), "momentum", List.of(0.5), "lr", List.of(0.1)),
                        1))
                .hasMessageContaining("rmsprop is outside the domain of optimizer");
        assertThatThrownBy(() -> new GridSampler(
                        CONDITIONAL,
                        Map.of("optimizer", List.of("sgd"), "momentum", List.of(0.5, 0.50), "lr", List.of(0.1)),
                        1))
                .hasMessageContaining("appears twice for momentum");
        assertThatThrownBy(() -> new GridSampler(
                        CONDITIONAL, Map.of("optimizer", List.of("sgd"), "momentum", List.of(), "lr", List.of(0.1)), 1))
                .hasMessageContaining("needs values for variable momentum");
        Map<String, List<?>> unknown = new java.util.HashMap<>(CONDITIONAL_GRID);
        unknown.put("batch", List.of(32));
        assertThatThrownBy(() -> new GridSampler(CONDITIONAL, unknown, 1))
                .hasMessageContaining("batch, which is no variable");
        assertThatThrownBy(() -> new GridSampler(
                        CONDITIONAL,
                        Map.of(
                                "optimizer",
                                List.of("sgd"),
                                "momentum",
                                List.of(0.5),
                                "lr",
                                List.of(0.1),
                                "epochs",
                                List.of(11)),
                        1))
                .hasMessageContaining("11 is outside the domain of epochs");
        GridSampler grid = new GridSampler(CONDITIONAL, CONDITIONAL_GRID, 1);
        assertThatThrownBy(() -> grid.suggest(StudyHistory.minimizing(MIXED, List.of()), 0))
                .hasMessageContaining("another search space");
    }
}
