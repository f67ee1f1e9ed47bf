package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Suggestion;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.SearchSpace;
import io.mabeam.variables.entity.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class NsgaIISamplerTest {

    static final SearchSpace DTLZ2_SPACE = new SearchSpace(IntStream.rangeClosed(1, 7)
            .mapToObj(i -> (Variable) FloatVariable.uniform("x" + i, 0, 1))
            .toList());
    static final List<Direction> THREE_MINIMISED = List.of(Direction.MINIMIZE, Direction.MINIMIZE, Direction.MINIMIZE);
    static final double[] REFERENCE = {1.1, 1.1, 1.1};
    static final double DTLZ2_FRONT_HYPERVOLUME = HypervolumeTest.DTLZ2_FRONT_HYPERVOLUME; // 0.807401
    static final int[] CHECKPOINTS = {100, 200, 500};

    /** DTLZ2 with 3 objectives and 7 variables: its front is the unit sphere's positive octant. */
    static double[] dtlz2(Map<String, Object> p) {
        double[] x = new double[8];
        for (int i = 1; i <= 7; i++) {
            x[i] = ((Number) p.get("x" + i)).doubleValue();
        }
        double g = 0;
        for (int i = 3; i <= 7; i++) {
            g += (x[i] - 0.5) * (x[i] - 0.5);
        }
        double a = x[1] * Math.PI / 2;
        double b = x[2] * Math.PI / 2;
        return new double[] {
            (1 + g) * Math.cos(a) * Math.cos(b), (1 + g) * Math.cos(a) * Math.sin(b), (1 + g) * Math.sin(a)
        };
    }

    /** Runs a study sequentially (ask, evaluate, tell) and answers the history. */
    static StudyHistory run(
            Sampler sampler,
            SearchSpace space,
            List<Direction> directions,
            int trials,
            Function<Map<String, Object>, Trial> evaluate) {
        StudyHistory history = new StudyHistory(space, directions, List.of());
        for (int number = 0; number < trials; number++) {
            Suggestion suggestion = sampler.suggest(history, number);
            Trial evaluated = evaluate.apply(suggestion.parameters());
            history = history.with(new Trial(
                    number,
                    evaluated.state(),
                    suggestion.parameters(),
                    evaluated.values(),
                    new TreeMap<>(),
                    evaluated.constraints(),
                    suggestion.systemAttributes()));
        }
        return history;
    }

    static Trial dtlz2Trial(Map<String, Object> parameters) {
        return Trial.complete(-1, parameters, dtlz2(parameters));
    }

    /** The hypervolume ratio of the first {@code n} trials' front. */
    static double ratioAfter(StudyHistory history, int n) {
        StudyHistory prefix = new StudyHistory(
                history.space(), history.directions(), history.trials().subList(0, n));
        return Hypervolume.of(Pareto.front(prefix), history.directions(), REFERENCE) / DTLZ2_FRONT_HYPERVOLUME;
    }

    static double[][] dtlz2Ratios(Function<Long, Sampler> samplers, long... seeds) {
        double[][] ratios = new double[seeds.length][CHECKPOINTS.length];
        for (int s = 0; s < seeds.length; s++) {
            StudyHistory history =
                    run(samplers.apply(seeds[s]), DTLZ2_SPACE, THREE_MINIMISED, 500, NsgaIISamplerTest::dtlz2Trial);
            for (int c = 0; c < CHECKPOINTS.length; c++) {
                ratios[s][c] = ratioAfter(history, CHECKPOINTS[c]);
            }
        }
        return ratios;
    }

    static double[] mean(double[][] ratios) {
        double[] mean = new double[CHECKPOINTS.length];
        for (double[] run : ratios) {
            for (int c = 0; c < mean.length; c++) {
                mean[c] += run[c] / ratios.length;
            }
        }
        return mean;
    }

    static String describe(String name, double[][] ratios) {
        StringBuilder text = new StringBuilder(name + " DTLZ2 hypervolume ratio at 100/200/500 trials:");
        for (double[] run : ratios) {
            text.append(String.format(" [%.3f %.3f %.3f]", run[0], run[1], run[2]));
        }
        double[] mean = mean(ratios);
        return text.append(String.format(" mean %.3f / %.3f / %.3f", mean[0], mean[1], mean[2]))
                .toString();
    }

    @Test
    void onDtlz2TheDefaultsBeatOptunasNsgaIiAndRandomSearchClearly() {
        double[][] nsga = dtlz2Ratios(NsgaIISampler::new, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        double[][] sbx = dtlz2Ratios(seed -> new NsgaIISampler(seed, 50, NsgaIISampler.Crossover.SBX), 1, 2, 3, 4, 5);
        double[][] random = dtlz2Ratios(RandomSampler::new, 1, 2, 3, 4, 5);
        System.out.println(describe("nsga2 (defaults: uniform crossover, population 50)", nsga));
        System.out.println(describe("nsga2 (SBX crossover, population 50)", sbx));
        System.out.println(describe("random", random));
        System.out.println("reference: Optuna NSGA-II 0.277 / 0.442 / 0.699; Optuna MOTPE 0.611 / 0.818 / 0.908");

        double[] mean = mean(nsga);
        assertThat(mean[0]).as("mean ratio after 100 trials").isGreaterThan(0.277);
        assertThat(mean[2]).as("mean ratio after 500 trials").isGreaterThan(0.699);
        assertThat(mean[2]).isGreaterThan(mean(sbx)[2]); // why uniform crossover is the default
        assertThat(mean[2]).isGreaterThan(mean(random)[2] + 0.15);
        assertThat(mean[1]).isGreaterThan(mean(random)[1]);
    }

    @Test
    void generationsFillInTurnAndTheFirstIsRandom() {
        NsgaIISampler sampler = new NsgaIISampler(5, 10, NsgaIISampler.Crossover.SBX);
        StudyHistory history = run(sampler, DTLZ2_SPACE, THREE_MINIMISED, 35, NsgaIISamplerTest::dtlz2Trial);
        assertThat(history.trials())
                .extracting(t -> t.systemAttributes().get(NsgaIISampler.GENERATION))
                .containsExactlyElementsOf(
                        IntStream.range(0, 35).mapToObj(n -> n / 10).toList());
        RandomSampler random = new RandomSampler(5);
        for (Trial trial : history.trials().subList(0, 10)) {
            assertThat(trial.parameters()).isEqualTo(random.sample(DTLZ2_SPACE, trial.number()));
        }
        assertThat(sampler.parentPopulation(history, 3)).hasSize(10);
    }

    @Test
    void aFreshInstanceAnswersAsTheOneThatRanTheStudy() {
        NsgaIISampler sampler = new NsgaIISampler(11, 10, NsgaIISampler.Crossover.SBX);
        StudyHistory history = run(sampler, DTLZ2_SPACE, THREE_MINIMISED, 47, NsgaIISamplerTest::dtlz2Trial);
        Suggestion asked = sampler.suggest(history, 47);
        Suggestion again = new NsgaIISampler(11, 10, NsgaIISampler.Crossover.SBX).suggest(history, 47);
        assertThat(again).isEqualTo(asked);
        assertThat(asked.systemAttributes()).containsEntry(NsgaIISampler.GENERATION, 4);
        assertThat(new NsgaIISampler(12, 10, NsgaIISampler.Crossover.SBX).suggest(history, 47))
                .isNotEqualTo(asked);
    }

    @Property(tries = 15)
    void everySuggestionIsAValidAssignmentOfAMixedConditionalSpace(
            @ForAll long seed, @ForAll NsgaIISampler.Crossover crossover) {
        SearchSpace space = RandomSamplerTest.MIXED;
        NsgaIISampler sampler = new NsgaIISampler(seed, 8, crossover);
        // two objectives that depend on every kind of variable, conditional one included
        Function<Map<String, Object>, Trial> evaluate = p -> {
            double lr = Math.log10(((Number) p.get("lr")).doubleValue());
            double layers = ((Number) p.get("n_layers")).doubleValue();
            double momentum = p.containsKey("momentum") ? ((Number) p.get("momentum")).doubleValue() : 0;
            double optimizer = "adam".equals(p.get("optimizer")) ? 0 : 1;
            double dropout = ((Number) p.get("dropout")).doubleValue();
            return Trial.complete(
                    -1, p, (lr + 3) * (lr + 3) + optimizer - momentum, layers + dropout + (lr + 1) * (lr + 1));
        };
        StudyHistory history = run(sampler, space, List.of(Direction.MINIMIZE, Direction.MINIMIZE), 80, evaluate);
        for (Trial trial : history.trials()) {
            assertThat(space.check(trial.parameters())).isEqualTo(trial.parameters());
        }
        assertThat(history.trials().get(79).systemAttributes()).containsEntry(NsgaIISampler.GENERATION, 9);
    }

    @Test
    void feasibleTrialsArePreferredSoLaterGenerationsAreMostlyFeasible() {
        // feasible only when x1 ≤ 0.3: a random trial is feasible 30% of the time
        Function<Map<String, Object>, Trial> constrained = p ->
                Trial.complete(-1, p, dtlz2(p)).withConstraints(List.of(((Number) p.get("x1")).doubleValue() - 0.3));
        NsgaIISampler sampler = new NsgaIISampler(3, 20, NsgaIISampler.Crossover.SBX);
        StudyHistory history = run(sampler, DTLZ2_SPACE, THREE_MINIMISED, 200, constrained);
        long feasibleFirst =
                history.trials().subList(0, 20).stream().filter(Trial::feasible).count();
        long feasibleLast = history.trials().subList(160, 200).stream()
                .filter(Trial::feasible)
                .count();
        assertThat(feasibleFirst).isLessThan(12);
        assertThat(feasibleLast).isGreaterThanOrEqualTo(34);
        assertThat(sampler.parentPopulation(history, 9)).allMatch(Trial::feasible);
    }

    @Test
    void infeasibleParentsAreRankedByTheirViolation() {
        // nothing is ever feasible: the population drifts towards the least violation
        Function<Map<String, Object>, Trial> hopeless = p ->
                Trial.complete(-1, p, dtlz2(p)).withConstraints(List.of(((Number) p.get("x1")).doubleValue() + 0.1));
        NsgaIISampler sampler = new NsgaIISampler(4, 20, NsgaIISampler.Crossover.SBX);
        StudyHistory history = run(sampler, DTLZ2_SPACE, THREE_MINIMISED, 200, hopeless);
        double firstMean = history.trials().subList(0, 20).stream()
                .mapToDouble(Trial::violation)
                .average()
                .orElseThrow();
        double lastMean = history.trials().subList(180, 200).stream()
                .mapToDouble(Trial::violation)
                .average()
                .orElseThrow();
        assertThat(lastMean).isLessThan(firstMean / 2);
    }

    @Test
    void aSingleObjectiveStudyIsMinimisedToo() {
        SearchSpace space = new SearchSpace(IntStream.range(0, 5)
                .mapToObj(i -> (Variable) FloatVariable.uniform("x" + i, -5, 5))
                .toList());
        Function<Map<String, Object>, Trial> sphere = p -> Trial.complete(
                -1,
                p,
                p.values().stream()
                        .mapToDouble(v -> Math.pow(((Number) v).doubleValue() - 1, 2))
                        .sum());
        List<Direction> minimise = List.of(Direction.MINIMIZE);
        double nsgaBest = run(new NsgaIISampler(1, 20, NsgaIISampler.Crossover.SBX), space, minimise, 300, sphere)
                .best()
                .orElseThrow()
                .value();
        double randomBest = run(new RandomSampler(1), space, minimise, 300, sphere)
                .best()
                .orElseThrow()
                .value();
        assertThat(nsgaBest).isLessThan(randomBest / 3);
    }

    @Test
    void failedAndPrunedTrialsDoNotFillAGeneration() {
        NsgaIISampler sampler = new NsgaIISampler(8, 5, NsgaIISampler.Crossover.SBX);
        List<Trial> trials = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            Map<String, Object> p = sampler.suggest(new StudyHistory(DTLZ2_SPACE, THREE_MINIMISED, trials), n)
                    .parameters();
            trials.add(Trial.running(n, p)
                    .withState(n < 3 ? TrialState.FAILED : TrialState.COMPLETE)
                    .withSystemAttributes(Map.of(NsgaIISampler.GENERATION, 0)));
        }
        Suggestion next = sampler.suggest(new StudyHistory(DTLZ2_SPACE, THREE_MINIMISED, trials), 5);
        assertThat(next.systemAttributes()).containsEntry(NsgaIISampler.GENERATION, 0);
    }
}
