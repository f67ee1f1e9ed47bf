package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mabeam.optimization.control.CmaEsSampler.Options;
import io.mabeam.optimization.control.CmaEsSampler.RestartStrategy;
import io.mabeam.optimization.entity.Direction;
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
import io.mabeam.variables.entity.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CmaEsSamplerTest {

    static final double BRANIN_MINIMUM = 0.39788735772973816;
    static final double HARTMANN6_MINIMUM = -3.32236801141551;

    /** Asks and tells one trial at a time, as a sequential study does. */
    static StudyHistory run(Sampler sampler, StudyHistory start, int trials, ToDoubleFunction<Map<String, Object>> f) {
        StudyHistory history = start;
        for (int number = history.trials().size(); number < trials; number++) {
            Suggestion suggestion = sampler.suggest(history, number);
            double value = f.applyAsDouble(suggestion.parameters());
            history = history.with(Trial.complete(number, suggestion.parameters(), value)
                    .withSystemAttributes(suggestion.systemAttributes()));
        }
        return history;
    }

    static StudyHistory empty(SearchSpace space) {
        return StudyHistory.minimizing(space, List.of());
    }

    static double x(Map<String, Object> params, String name) {
        return ((Number) params.get(name)).doubleValue();
    }

    static SearchSpace box(int dimension, double low, double high) {
        List<Variable> variables = new ArrayList<>();
        for (int i = 0; i < dimension; i++) {
            variables.add(FloatVariable.uniform("x" + i, low, high));
        }
        return new SearchSpace(variables);
    }

    static double sphere(Map<String, Object> params) {
        return params.values().stream()
                .mapToDouble(v -> ((Number) v).doubleValue() * ((Number) v).doubleValue())
                .sum();
    }

    static double rosenbrock(Map<String, Object> params) {
        double a = x(params, "x0");
        double b = x(params, "x1");
        return 100 * (b - a * a) * (b - a * a) + (1 - a) * (1 - a);
    }

    static double rastrigin(Map<String, Object> params) {
        return params.values().stream()
                .mapToDouble(v -> {
                    double x = ((Number) v).doubleValue();
                    return 10 + x * x - 10 * Math.cos(2 * Math.PI * x);
                })
                .sum();
    }

    static double branin(Map<String, Object> params) {
        double x0 = x(params, "x0");
        double x1 = x(params, "x1");
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        return Math.pow(x1 - b * x0 * x0 + c * x0 - 6, 2) + 10 * (1 - t) * Math.cos(x0) + 10;
    }

    static final double[] HARTMANN_ALPHA = {1.0, 1.2, 3.0, 3.2};
    static final double[][] HARTMANN_A = {
        {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}
    };
    static final double[][] HARTMANN_P = {
        {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
        {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
        {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
        {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}
    };

    static double hartmann6(Map<String, Object> params) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double inner = 0;
            for (int j = 0; j < 6; j++) {
                double d = x(params, "x" + j) - HARTMANN_P[i][j];
                inner += HARTMANN_A[i][j] * d * d;
            }
            sum += HARTMANN_ALPHA[i] * Math.exp(-inner);
        }
        return -sum;
    }

    static double best(StudyHistory history, int firstTrials) {
        return history.complete().stream()
                .filter(t -> t.number() < firstTrials)
                .mapToDouble(Trial::value)
                .min()
                .orElseThrow();
    }

    @Test
    void convergesOnSpheres() {
        StudyHistory twoD = run(new CmaEsSampler(1), empty(box(2, -5, 5)), 300, CmaEsSamplerTest::sphere);
        assertThat(best(twoD, 300)).isLessThan(1e-6);
        StudyHistory fiveD = run(new CmaEsSampler(2), empty(box(5, -5, 5)), 800, CmaEsSamplerTest::sphere);
        assertThat(best(fiveD, 800)).isLessThan(1e-4);
    }

    @Test
    void convergesOnRosenbrock() {
        StudyHistory history = run(new CmaEsSampler(3), empty(box(2, -2, 2)), 800, CmaEsSamplerTest::rosenbrock);
        assertThat(best(history, 800)).isLessThan(1e-3);
    }

    @Test
    void maximizesAsTheNegatedLoss() {
        StudyHistory start = new StudyHistory(box(2, -5, 5), List.of(Direction.MAXIMIZE), List.of());
        StudyHistory history = run(new CmaEsSampler(4), start, 300, p -> -sphere(p));
        double best =
                history.complete().stream().mapToDouble(Trial::value).max().orElseThrow();
        assertThat(best).isGreaterThan(-1e-6);
    }

    @Test
    void recordsItsGenerationsAndTellsThemWithTheFirstCompleteTrials() {
        SearchSpace space = box(2, -5, 5);
        StudyHistory history = run(new CmaEsSampler(5), empty(space), 40, CmaEsSamplerTest::sphere);
        Trial startup = history.trials().get(0);
        assertThat(startup.systemAttributes()).doesNotContainKey(CmaEsSampler.GENERATION); // the companion's
        Map<String, Object> first = history.trials().get(1).systemAttributes();
        assertThat(first)
                .containsEntry(CmaEsSampler.RESTART, 0)
                .containsEntry(CmaEsSampler.GENERATION, 0)
                .containsEntry(CmaEsSampler.POPSIZE, 6);
        assertThat(history.trials().get(7).systemAttributes())
                .containsEntry(CmaEsSampler.GENERATION, 1)
                .containsEntry(CmaEsSampler.TOLD, List.of(1L, 2L, 3L, 4L, 5L, 6L));
    }

    @Test
    void theSameHistoryGivesTheSameSuggestionOnAFreshInstance() {
        SearchSpace space = box(3, -5, 5);
        CmaEsSampler sampler = new CmaEsSampler(11);
        StudyHistory history = run(sampler, empty(space), 80, CmaEsSamplerTest::sphere);
        for (int prefix : new int[] {0, 1, 5, 23, 50, 80}) {
            StudyHistory earlier = new StudyHistory(
                    space, history.directions(), history.trials().subList(0, prefix));
            Suggestion warm = sampler.suggest(earlier, prefix);
            Suggestion cold = new CmaEsSampler(11).suggest(earlier, prefix);
            assertThat(cold).as("after %d trials", prefix).isEqualTo(warm);
            if (prefix < 80) {
                assertThat(cold.parameters())
                        .isEqualTo(history.trials().get(prefix).parameters());
            }
        }
        assertThat(new CmaEsSampler(12).suggest(history, 80)).isNotEqualTo(sampler.suggest(history, 80));
    }

    @Test
    void concurrentAsksInOneGenerationGetDistinctPointsAndFailedTrialsAreReplaced() {
        SearchSpace space = box(2, -5, 5);
        CmaEsSampler sampler = new CmaEsSampler(21);
        StudyHistory history = run(sampler, empty(space), 1, CmaEsSamplerTest::sphere);
        // six asks before anything finishes: all in generation 0
        for (int number = 1; number <= 6; number++) {
            Suggestion suggestion = sampler.suggest(history, number);
            history = history.with(
                    Trial.running(number, suggestion.parameters()).withSystemAttributes(suggestion.systemAttributes()));
        }
        assertThat(history.trials().stream().skip(1).map(Trial::parameters).distinct())
                .hasSize(6);
        // one fails: the seventh ask is still generation 0, a new candidate
        history = history.with(history.trials().get(3).withState(TrialState.FAILED));
        Suggestion seventh = sampler.suggest(history, 7);
        assertThat(seventh.systemAttributes()).containsEntry(CmaEsSampler.GENERATION, 0);
        assertThat(new CmaEsSampler(21).suggest(history, 7)).isEqualTo(seventh);
    }

    @Test
    void aSealedGenerationKeepsTheTrialsItWasToldWithWhenAnEarlierTrialCompletesLate() {
        SearchSpace space = box(2, -5, 5);
        CmaEsSampler sampler = new CmaEsSampler(31);
        StudyHistory history = run(sampler, empty(space), 1, CmaEsSamplerTest::sphere);
        List<Suggestion> asked = new ArrayList<>();
        for (int number = 1; number <= 7; number++) {
            Suggestion suggestion = sampler.suggest(history, number);
            asked.add(suggestion);
            history = history.with(
                    Trial.running(number, suggestion.parameters()).withSystemAttributes(suggestion.systemAttributes()));
        }
        // trials 2..7 complete first; trial 1 is still running
        for (int number = 2; number <= 7; number++) {
            Trial trial = history.trials().get(number);
            history = history.with(Trial.complete(number, trial.parameters(), sphere(trial.parameters()))
                    .withSystemAttributes(trial.systemAttributes()));
        }
        Suggestion eighth = sampler.suggest(history, 8);
        assertThat(eighth.systemAttributes())
                .containsEntry(CmaEsSampler.GENERATION, 1)
                .containsEntry(CmaEsSampler.TOLD, List.of(2L, 3L, 4L, 5L, 6L, 7L));
        history = history.with(Trial.running(8, eighth.parameters()).withSystemAttributes(eighth.systemAttributes()));
        // trial 1 completes late: the next ask still replays generation 0 as told with 2..7
        Trial late = history.trials().get(1);
        history = history.with(Trial.complete(1, late.parameters(), sphere(late.parameters()))
                .withSystemAttributes(late.systemAttributes()));
        Suggestion ninth = new CmaEsSampler(31).suggest(history, 9);
        assertThat(ninth.systemAttributes()).containsEntry(CmaEsSampler.TOLD, List.of(2L, 3L, 4L, 5L, 6L, 7L));
        StudyHistory withoutLate = history.with(late);
        assertThat(new CmaEsSampler(31).suggest(withoutLate, 9)).isEqualTo(ninth);
    }

    @Property(tries = 25)
    void everySuggestionLiesInTheSpace(@ForAll long seed) {
        SearchSpace space = randomSpace(new SplittableRandom(seed));
        CmaEsSampler sampler = new CmaEsSampler(seed);
        StudyHistory history = empty(space);
        for (int number = 0; number < 40; number++) {
            Suggestion suggestion = sampler.suggest(history, number);
            Map<String, Object> params = suggestion.parameters();
            assertThat(space.check(params)).isEqualTo(params);
            double value = params.values().stream()
                    .filter(v -> v instanceof Number)
                    .mapToDouble(v -> Math.abs(((Number) v).doubleValue() - 0.3))
                    .sum();
            history = history.with(
                    Trial.complete(number, params, value).withSystemAttributes(suggestion.systemAttributes()));
        }
    }

    static SearchSpace randomSpace(SplittableRandom random) {
        List<Variable> variables = new ArrayList<>();
        int count = 1 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            String name = "v" + i;
            switch (random.nextInt(6)) {
                case 0 -> variables.add(FloatVariable.uniform(name, -random.nextDouble() * 10, random.nextDouble()));
                case 1 -> variables.add(FloatVariable.logUniform(name, 1e-6, 1e-6 + random.nextDouble() * 10));
                case 2 -> variables.add(new FloatVariable(name, 0, 1, false, 0.05 + random.nextDouble(), null));
                case 3 -> variables.add(IntVariable.uniform(name, -random.nextInt(5), random.nextInt(50)));
                case 4 -> variables.add(new IntVariable(name, 1, 2 + random.nextInt(1000), true, 1, null));
                default -> variables.add(new IntVariable(name, 0, 100, false, 1 + random.nextInt(40), null));
            }
        }
        variables.add(CategoricalVariable.of("kind", "a", "b"));
        variables.add(new FloatVariable("only_b", 0, 1, false, null, Optional.of(new Condition("kind", List.of("b")))));
        return new SearchSpace(variables);
    }

    @Test
    void ipopRestartsWithADoubledPopulationOnRastrigin() {
        SearchSpace space = box(2, -5.12, 5.12);
        Options ipop = Options.defaults().withRestartStrategy(RestartStrategy.IPOP);
        StudyHistory history = run(new CmaEsSampler(41, ipop), empty(space), 1500, CmaEsSamplerTest::rastrigin);
        int lastRestart = history.trials().stream()
                .map(t -> t.systemAttributes().get(CmaEsSampler.RESTART))
                .filter(r -> r != null)
                .mapToInt(r -> ((Number) r).intValue())
                .max()
                .orElseThrow();
        assertThat(lastRestart).isGreaterThanOrEqualTo(1);
        Trial restarted = history.trials().stream()
                .filter(t -> Integer.valueOf(1).equals(t.systemAttributes().get(CmaEsSampler.RESTART)))
                .findFirst()
                .orElseThrow();
        assertThat(restarted.systemAttributes()).containsEntry(CmaEsSampler.POPSIZE, 12);

        StudyHistory plain = run(new CmaEsSampler(41), empty(space), 1500, CmaEsSamplerTest::rastrigin);
        assertThat(plain.trials().stream().map(t -> t.systemAttributes().get(CmaEsSampler.RESTART)))
                .allMatch(r -> r == null || Integer.valueOf(0).equals(r));
    }

    @Test
    void integerCoordinatesKeepExploringAfterConvergence() {
        SearchSpace space = SearchSpace.of(IntVariable.uniform("a", 0, 20), IntVariable.uniform("b", 0, 20));
        ToDoubleFunction<Map<String, Object>> f = p -> Math.pow(x(p, "a") - 7, 2) + Math.pow(x(p, "b") - 13, 2);
        StudyHistory history = run(new CmaEsSampler(51), empty(space), 400, f);
        assertThat(best(history, 400)).isZero();
        Set<Map<String, Object>> lateDistinct = new HashSet<>();
        history.trials().stream().skip(300).forEach(t -> lateDistinct.add(t.parameters()));
        assertThat(lateDistinct.size()).isGreaterThan(3);
    }

    @Test
    void categoricalAndConditionalVariablesComeFromTheCompanion() {
        SearchSpace space = SearchSpace.of(
                FloatVariable.uniform("x", -1, 1),
                IntVariable.uniform("n", 1, 9),
                CategoricalVariable.of("optimizer", "sgd", "adam"),
                new FloatVariable(
                        "momentum", 0, 1, false, null, Optional.of(new Condition("optimizer", List.of("sgd")))),
                new FixedVariable("epochs", 10, Optional.empty()));
        List<Long> companionAsked = new ArrayList<>();
        Sampler companion = new Sampler() {
            @Override
            public Suggestion suggest(StudyHistory history, long number) {
                companionAsked.add(number);
                return new Suggestion(
                        Map.of("x", 0.25, "n", 3, "optimizer", "sgd", "momentum", 0.75, "epochs", 10),
                        Map.of("companion", true));
            }

            @Override
            public String name() {
                return "fixed";
            }
        };
        CmaEsSampler sampler = new CmaEsSampler(61, companion, Options.defaults());
        StudyHistory history = run(sampler, empty(space), 30, p -> Math.abs(x(p, "x")));
        assertThat(history.trials().get(0).parameters()).containsEntry("x", 0.25); // the startup trial
        for (Trial trial : history.trials().subList(1, 30)) {
            assertThat(trial.parameters())
                    .containsEntry("optimizer", "sgd")
                    .containsEntry("momentum", 0.75)
                    .containsEntry("epochs", 10);
            assertThat(trial.systemAttributes()).containsKey(CmaEsSampler.POINT).containsEntry("companion", true);
        }
        assertThat(history.trials().stream()
                        .skip(1)
                        .map(t -> t.parameters().get("x"))
                        .distinct())
                .hasSizeGreaterThan(20);
        assertThat(companionAsked).hasSize(30);
    }

    @Test
    void discreteCellsAreTheUnitScaleCells() {
        IntVariable dice = IntVariable.uniform("dice", 1, 6); // six cells of 1/6
        assertThat(CmaEsSampler.distanceToCellBorder(dice, 0.25)).isCloseTo(1.0 / 3 - 0.25, within(1e-12));
        assertThat(CmaEsSampler.distanceToCellBorder(dice, 0.05)).isCloseTo(1.0 / 6 - 0.05, within(1e-12));
        FloatVariable stepped = new FloatVariable("s", 0, 1, false, 0.5, null); // cells of 1/3
        assertThat(CmaEsSampler.distanceToCellBorder(stepped, 0.5)).isCloseTo(1.0 / 6, within(1e-12));
        IntVariable logInt = new IntVariable("l", 1, 100, true, 1, null);
        double u = io.mabeam.variables.control.UnitScale.toUnit(logInt, 10L);
        double lo = Math.log(0.5);
        double hi = Math.log(100.5);
        double toBorder = Math.min(u - (Math.log(9.5) - lo) / (hi - lo), (Math.log(10.5) - lo) / (hi - lo) - u);
        assertThat(CmaEsSampler.distanceToCellBorder(logInt, u)).isCloseTo(toBorder, within(1e-12));
        assertThat(CmaEsSampler.distanceToCellBorder(FloatVariable.uniform("f", 0, 1), 0.3))
                .isZero();
    }

    @Test
    void refusesMultiObjectiveStudies() {
        StudyHistory history =
                new StudyHistory(box(2, 0, 1), List.of(Direction.MINIMIZE, Direction.MAXIMIZE), List.of());
        assertThatThrownBy(() -> new CmaEsSampler(1).suggest(history, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("single objective");
    }

    @Test
    void theHelpersAreRight() {
        assertThat(Gaussian.inverseCdf(0.975)).isCloseTo(1.959964, within(1e-6));
        assertThat(Gaussian.inverseCdf(0.01)).isCloseTo(-2.326348, within(1e-6));
        assertThat(Gaussian.inverseCdf(0.5)).isCloseTo(0, within(1e-12));
        double[][] c = {{4, 1, 0.5}, {1, 3, 0.2}, {0.5, 0.2, 2}};
        SymmetricEigen eigen = SymmetricEigen.of(c);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double sum = 0;
                for (int k = 0; k < 3; k++) {
                    sum += eigen.vectors[i][k] * eigen.values[k] * eigen.vectors[j][k];
                }
                assertThat(sum).isCloseTo(c[i][j], within(1e-12));
            }
        }
    }

    @Test
    void braninAndHartmann6MedianRegret() {
        SearchSpace branin = SearchSpace.of(FloatVariable.uniform("x0", -5, 10), FloatVariable.uniform("x1", 0, 15));
        double[] at100 = new double[5];
        double[] at200 = new double[5];
        double[] hartmann = new double[5];
        for (int seed = 0; seed < 5; seed++) {
            StudyHistory history = run(new CmaEsSampler(seed), empty(branin), 200, CmaEsSamplerTest::branin);
            at100[seed] = best(history, 100) - BRANIN_MINIMUM;
            at200[seed] = best(history, 200) - BRANIN_MINIMUM;
            StudyHistory h6 = run(new CmaEsSampler(seed), empty(box(6, 0, 1)), 200, CmaEsSamplerTest::hartmann6);
            hartmann[seed] = best(h6, 200) - HARTMANN6_MINIMUM;
        }
        System.out.printf(
                "CMA-ES Branin median regret @100 = %.3g, @200 = %.3g (per seed %s); Hartmann6 @200 = %.3g (%s)%n",
                median(at100), median(at200), Arrays.toString(at200), median(hartmann), Arrays.toString(hartmann));
        assertThat(median(at200)).isLessThan(0.05);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
