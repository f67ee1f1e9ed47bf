package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ParameterImportanceTest {

    static final SearchSpace XYZ = SearchSpace.of(
            FloatVariable.uniform("x", 0, 1), FloatVariable.uniform("y", 0, 1), FloatVariable.uniform("z", 0, 1));

    /** {@code count} random trials of {@code space}, each complete with the objective values given. */
    @SafeVarargs
    static StudyHistory study(
            SearchSpace space, int count, long seed, ToDoubleFunction<Map<String, Object>>... objectives) {
        RandomSampler sampler = new RandomSampler(seed);
        List<Trial> trials = new ArrayList<>();
        for (int number = 0; number < count; number++) {
            Map<String, Object> parameters = sampler.sample(space, number);
            double[] values = new double[objectives.length];
            for (int i = 0; i < objectives.length; i++) {
                values[i] = objectives[i].applyAsDouble(parameters);
            }
            trials.add(Trial.complete(number, parameters, values));
        }
        List<Direction> directions = new ArrayList<>();
        for (int i = 0; i < objectives.length; i++) {
            directions.add(Direction.MINIMIZE);
        }
        return new StudyHistory(space, directions, trials);
    }

    static double number(Map<String, Object> parameters, String name) {
        return ((Number) parameters.get(name)).doubleValue();
    }

    @Test
    void aFunctionOfXAloneMakesXAlmostAllThatMatters() {
        StudyHistory history = study(XYZ, 100, 1, p -> Math.pow(number(p, "x") - 0.3, 2));

        Map<String, Double> importances = ParameterImportance.evaluate(history, 0, 42);

        assertThat(importances.keySet()).first().isEqualTo("x"); // y and z: noise, in either order
        assertThat(importances.get("x")).isGreaterThan(0.8);
    }

    @Test
    void tenXPlusYRanksXThenYThenZ() {
        StudyHistory history = study(XYZ, 200, 2, p -> 10 * number(p, "x") + number(p, "y"));

        Map<String, Double> importances = ParameterImportance.evaluate(history, 0, 42);

        assertThat(importances.keySet()).containsExactly("x", "y", "z");
        assertThat(importances.get("x")).isGreaterThan(0.9);
        assertThat(importances.get("y")).isGreaterThan(importances.get("z"));
    }

    @Test
    void aCategoricalThatMattersIsRankedFirst() {
        SearchSpace space = SearchSpace.of(
                FloatVariable.logUniform("lr", 1e-5, 1e-1),
                IntVariable.uniform("layers", 1, 8),
                CategoricalVariable.of("optimizer", "sgd", "adam", "rmsprop", "adagrad"),
                FloatVariable.uniform("dropout", 0, 0.5));
        Map<String, Double> effect = Map.of("sgd", 3.0, "adam", 0.0, "rmsprop", 2.5, "adagrad", 0.5);
        StudyHistory history = study(
                space,
                120,
                3,
                p -> effect.get((String) p.get("optimizer"))
                        + 0.1 * Math.log10(number(p, "lr"))
                        + 0.05 * number(p, "layers"));

        Map<String, Double> importances = ParameterImportance.evaluate(history, 0, 7);

        assertThat(importances.keySet()).first().isEqualTo("optimizer");
        assertThat(importances.get("optimizer")).isGreaterThan(0.7);
        assertThat(importances.get("dropout")).isLessThan(importances.get("lr"));
    }

    @Property(tries = 15)
    void importancesAreSharesThatSumToOneMostImportantFirst(@ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        double a = random.nextGaussian();
        double b = random.nextGaussian();
        double c = random.nextGaussian();
        StudyHistory history = study(
                RandomSamplerTest.MIXED,
                30,
                seed,
                p -> a * number(p, "n_layers")
                        + b * Math.log(number(p, "lr"))
                        + c * number(p, "dropout") * ("adam".equals(p.get("optimizer")) ? 1 : -1));

        Map<String, Double> importances = ParameterImportance.evaluate(history, 0, seed);

        // momentum is conditional (sometimes inactive) and epochs fixed: neither is assessed
        assertThat(importances.keySet()).containsExactlyInAnyOrder("n_layers", "lr", "optimizer", "dropout");
        assertThat(importances.values()).allSatisfy(share -> assertThat(share).isBetween(0.0, 1.0));
        assertThat(importances.values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum())
                .isCloseTo(1, within(1e-9));
        List<Double> inOrder = new ArrayList<>(importances.values());
        for (int i = 1; i < inOrder.size(); i++) {
            assertThat(inOrder.get(i)).isLessThanOrEqualTo(inOrder.get(i - 1));
        }
    }

    @Test
    void theSameSeedGivesTheSameImportances() {
        StudyHistory history = study(XYZ, 60, 4, p -> Math.sin(5 * number(p, "x")) + number(p, "y") * number(p, "z"));

        Map<String, Double> first = ParameterImportance.evaluate(history, 0, 99);
        Map<String, Double> second = ParameterImportance.evaluate(history, 0, 99);

        assertThat(second).isEqualTo(first);
        assertThat(new ArrayList<>(second.keySet())).isEqualTo(new ArrayList<>(first.keySet()));
        assertThat(ParameterImportance.evaluate(history, 0, 100)).isNotEqualTo(first);
    }

    @Test
    void eachObjectiveHasItsOwnImportances() {
        StudyHistory history = study(XYZ, 80, 5, p -> number(p, "x"), p -> -3 * number(p, "z"));

        assertThat(ParameterImportance.evaluate(history, 0, 1).keySet()).first().isEqualTo("x");
        assertThat(ParameterImportance.evaluate(history, 1, 1).keySet()).first().isEqualTo("z");
        assertThatThrownBy(() -> ParameterImportance.evaluate(history, 2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no objective 2");
    }

    @Test
    void onlyCompleteFeasibleTrialsWithAFiniteValueCount() {
        Map<String, Object> point = Map.of("x", 0.1, "y", 0.2, "z", 0.3);
        StudyHistory history = StudyHistory.minimizing(
                XYZ,
                List.of(
                        Trial.complete(0, point, 1.0),
                        Trial.complete(1, point, 2.0).withConstraints(List.of(0.5)),
                        Trial.complete(2, point, Double.NaN),
                        Trial.complete(3, point, 3.0).withState(TrialState.PRUNED),
                        Trial.complete(4, point, 4.0).withState(TrialState.FAILED),
                        Trial.running(5, point)));

        assertThatThrownBy(() -> ParameterImportance.evaluate(history, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 complete feasible trials")
                .hasMessageContaining("has 1");
        assertThatThrownBy(() -> ParameterImportance.evaluate(StudyHistory.minimizing(XYZ, List.of()), 0, 1))
                .hasMessageContaining("has 0");
    }

    @Test
    void aConstantObjectiveSharesImportanceEquallyAndASingleValuedVariableGetsNone() {
        SearchSpace space = SearchSpace.of(
                FloatVariable.uniform("x", 0, 1), IntVariable.uniform("one", 3, 3), FloatVariable.uniform("y", 0, 1));
        StudyHistory history = study(space, 20, 6, p -> 1.5);

        Map<String, Double> importances = ParameterImportance.evaluate(history, 0, 1);

        assertThat(importances).containsExactly(Map.entry("x", 0.5), Map.entry("y", 0.5), Map.entry("one", 0.0));
    }

    @Test
    void choicesNoTrialTookStillHaveAMarginal() {
        SearchSpace space = SearchSpace.of(
                CategoricalVariable.of("kind", "a", "b", "c", "d", "e"), FloatVariable.uniform("x", 0, 1));
        List<Trial> trials = new ArrayList<>();
        for (int number = 0; number < 40; number++) {
            String kind = number % 2 == 0 ? "a" : "c";
            double x = (number * 0.37) % 1;
            trials.add(Trial.complete(number, Map.of("kind", kind, "x", x), ("a".equals(kind) ? 4 : 0) + 0.1 * x));
        }

        Map<String, Double> importances = ParameterImportance.evaluate(StudyHistory.minimizing(space, trials), 0, 5);

        assertThat(importances.keySet()).containsExactly("kind", "x");
        assertThat(importances.get("kind")).isGreaterThan(0.9);
        assertThat(importances.get("kind") + importances.get("x")).isCloseTo(1, within(1e-9));
    }

    @Test
    void twoHundredTrialsOfSixVariablesAreQuick() {
        SearchSpace space = SearchSpace.of(
                FloatVariable.uniform("a", -5, 5),
                FloatVariable.logUniform("b", 1e-4, 1),
                IntVariable.uniform("c", 1, 64),
                CategoricalVariable.of("d", "relu", "tanh", "gelu"),
                FloatVariable.uniform("e", 0, 1),
                IntVariable.uniform("f", 0, 10));
        StudyHistory history = study(
                space,
                200,
                8,
                p -> Math.pow(number(p, "a"), 2)
                        + Math.log10(number(p, "b"))
                        + ("gelu".equals(p.get("d")) ? -2 : 0)
                        + 0.01 * number(p, "c"));

        long start = System.nanoTime();
        Map<String, Double> importances = ParameterImportance.evaluate(history, 0, 11);
        long millis = (System.nanoTime() - start) / 1_000_000;

        System.out.println("parameter importance, 200 trials x 6 variables: " + millis + " ms " + importances);
        assertThat(importances.keySet()).first().isEqualTo("a");
        assertThat(importances).hasSize(6);
    }
}
