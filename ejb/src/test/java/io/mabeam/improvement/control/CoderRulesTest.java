package io.mabeam.improvement.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.improvement.entity.ChangeProposal;
import io.mabeam.improvement.entity.Edit;
import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.variables.entity.FixedVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.SearchSpace;
import io.mabeam.variables.entity.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class CoderRulesTest {

    static final SearchSpace SPACE = SearchSpace.of(
            FloatVariable.logUniform("learning_rate", 1e-4, 1e-3),
            IntVariable.uniform("units", 4, 16),
            FloatVariable.uniform("dropout", 0, 0.5));

    /** Trials drawn uniformly from the space, valued by {@code value} (higher is better). */
    static StudyHistory history(SearchSpace space, int n, ToDoubleFunction<Map<String, Object>> value) {
        SplittableRandom random = new SplittableRandom(7);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> p = new java.util.HashMap<>();
            for (Variable v : space.variables()) {
                if (v instanceof FloatVariable f) {
                    p.put(
                            f.name(),
                            f.log()
                                    ? Math.exp(Math.log(f.low())
                                            + random.nextDouble() * (Math.log(f.high()) - Math.log(f.low())))
                                    : f.low() + random.nextDouble() * (f.high() - f.low()));
                } else if (v instanceof IntVariable iv) {
                    p.put(iv.name(), iv.low() + random.nextLong(iv.high() - iv.low() + 1));
                }
            }
            trials.add(Trial.complete(i, p, value.applyAsDouble(p)));
        }
        return new StudyHistory(space, List.of(Direction.MAXIMIZE), trials);
    }

    static double number(Map<String, Object> p, String name) {
        return ((Number) p.get(name)).doubleValue();
    }

    static Edit edit(ChangeProposal proposal, String variable) {
        return proposal.edits().stream()
                .filter(e -> e.variable().equals(variable))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no edit of " + variable + " in " + proposal.edits()));
    }

    @Test
    void aBoundTheBestTrialsPressAgainstIsWidenedByTheRangesOwnWidthWithinNaturalLimits() {
        // accuracy grows with the learning rate and the units: the best trials sit at both upper bounds
        StudyHistory history =
                history(SPACE, 30, p -> Math.log10(number(p, "learning_rate")) + number(p, "units") / 16.0);
        ChangeProposal proposal =
                CoderRules.propose("s", history, Map.of(), true).orElseThrow();
        FloatVariable rate =
                (FloatVariable) proposal.space().variable("learning_rate").orElseThrow();
        assertThat(rate.low()).isEqualTo(1e-4);
        assertThat(rate.high())
                .as("a log range grows by its factor")
                .isCloseTo(1e-2, org.assertj.core.data.Offset.offset(1e-9));
        IntVariable units = (IntVariable) proposal.space().variable("units").orElseThrow();
        assertThat(units.low()).isEqualTo(4);
        assertThat(units.high()).isEqualTo(28);
        assertThat(edit(proposal, "learning_rate").action()).isEqualTo("widen");
        assertThat(edit(proposal, "learning_rate").reason()).contains("upper end");
        assertThat(proposal.space().variable("layers"))
                .as("the widest layers win: one more layer to try")
                .isPresent();
        assertThat(proposal.enqueue()).hasSize(1);
        Map<String, Object> carried = proposal.enqueue().get(0);
        assertThat(carried).containsEntry("layers", 2L);
        assertThat(proposal.source()).isEqualTo("rules");
        assertThat(proposal.rationale()).startsWith("From 30 complete trials");

        StudyHistory downward = history(SPACE, 30, p -> -number(p, "learning_rate"));
        FloatVariable lower = (FloatVariable) CoderRules.propose("s", downward, Map.of(), false)
                .orElseThrow()
                .space()
                .variable("learning_rate")
                .orElseThrow();
        assertThat(lower.low()).isCloseTo(1e-5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(lower.high()).isEqualTo(1e-3);
    }

    @Test
    void aNaturalLimitIsNotCrossed() {
        SearchSpace space = SearchSpace.of(FloatVariable.uniform("dropout", 0.5, 0.9), IntVariable.uniform("x", 0, 10));
        StudyHistory history = history(space, 30, p -> number(p, "dropout"));
        Optional<ChangeProposal> proposal = CoderRules.propose("s", history, Map.of(), true);
        assertThat(proposal.map(p -> p.edits().stream()
                                .filter(e -> e.action().equals("widen"))
                                .map(Edit::variable)
                                .toList())
                        .orElse(List.of()))
                .doesNotContain("dropout");
        proposal.flatMap(p -> p.space().variable("dropout"))
                .ifPresent(
                        dropout -> assertThat(((FloatVariable) dropout).high()).isEqualTo(0.9));
    }

    @Test
    void aRangeTheBestTrialsHaveLeftIsNarrowedAroundThem() {
        SearchSpace space = SearchSpace.of(FloatVariable.uniform("x", 0, 10), FloatVariable.uniform("y", 0, 10));
        // a peak at x = 3: the best fifth lies in a narrow band; y is a gentle slope nobody presses on
        StudyHistory history =
                history(space, 40, p -> -Math.abs(number(p, "x") - 3) - 0.001 * Math.abs(number(p, "y") - 5));
        ChangeProposal proposal =
                CoderRules.propose("s", history, Map.of(), false).orElseThrow();
        FloatVariable x = (FloatVariable) proposal.space().variable("x").orElseThrow();
        assertThat(edit(proposal, "x").action()).isEqualTo("narrow");
        assertThat(x.low()).isLessThan(3).isGreaterThanOrEqualTo(0);
        assertThat(x.high()).isGreaterThan(3).isLessThan(8);
        assertThat(proposal.edits()).extracting(Edit::variable).doesNotContain("y");
    }

    @Test
    void aVariableWithoutImportanceIsFixedAtTheBestValue() {
        SearchSpace space = SearchSpace.of(
                FloatVariable.uniform("a", 0, 10),
                FloatVariable.uniform("b", 0, 10),
                FloatVariable.uniform("c", 0, 10));
        StudyHistory history = history(space, 24, p -> -Math.abs(number(p, "a") - 5) - Math.abs(number(p, "b") - 5));
        Map<String, Double> importance = Map.of("a", 0.49, "b", 0.50, "c", 0.01);
        ChangeProposal proposal =
                CoderRules.propose("s", history, importance, false).orElseThrow();
        Trial best = history.trials().stream()
                .max(java.util.Comparator.comparingDouble(t -> t.values().get(0)))
                .orElseThrow();
        assertThat(proposal.space().variable("c").orElseThrow())
                .isEqualTo(new FixedVariable("c", best.parameters().get("c"), Optional.empty()));
        assertThat(edit(proposal, "c").reason()).contains("1.0% of the variance over 24 trials");
        assertThat(proposal.enqueue().get(0))
                .containsEntry("c", best.parameters().get("c"));
    }

    @Test
    void noReasonOrTooFewTrialsProposeNothing() {
        SearchSpace space = SearchSpace.of(FloatVariable.uniform("x", 0, 10), FloatVariable.uniform("y", 0, 10));
        assertThat(CoderRules.propose(
                        "s",
                        history(
                                space,
                                30,
                                p -> -Math.abs(number(p, "x") - 5) - Math.abs(number(p, "y") - 5) + 0 * Math.random()),
                        Map.of(),
                        false))
                .satisfiesAnyOf(
                        p -> assertThat(p).isEmpty(),
                        p -> assertThat(p.orElseThrow().edits())
                                .allMatch(e -> e.action().equals("narrow")));
        assertThat(CoderRules.propose("s", history(SPACE, 5, p -> number(p, "units")), Map.of(), true))
                .isEmpty();
        StudyHistory flat = history(SearchSpace.of(FloatVariable.uniform("x", 0, 10)), 12, p -> 1.0);
        assertThat(CoderRules.propose("s", flat, Map.of(), false)).isEmpty();
    }
}
