package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.SearchSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TpeSamplerTest {

    static final SearchSpace MIXED = RandomSamplerTest.MIXED;

    static final ToDoubleFunction<Map<String, Object>> MIXED_LOSS = p -> {
        double u = Math.log10(((Number) p.get("lr")).doubleValue()) + 3;
        double n = ((Number) p.get("n_layers")).doubleValue() - 5;
        double optimizer = "adam".equals(p.get("optimizer")) ? 0 : 0.2;
        double momentum = p.containsKey("momentum") ? ((Number) p.get("momentum")).doubleValue() : 0;
        return optimizer
                + 0.25 * u * u
                + 0.04 * n * n
                + Math.pow(((Number) p.get("dropout")).doubleValue() - 0.15, 2)
                + momentum;
    };

    static InMemoryStudy run(Sampler sampler, SearchSpace space, ToDoubleFunction<Map<String, Object>> loss, int n) {
        InMemoryStudy study = new InMemoryStudy(space, List.of(Direction.MINIMIZE), sampler);
        study.optimize(p -> new double[] {loss.applyAsDouble(p)}, n);
        return study;
    }

    static double best(InMemoryStudy study) {
        return study.history().best().orElseThrow().value();
    }

    @Test
    void gammaAndWeightsAreOptunas() {
        assertThat(TpeSampler.gamma(10)).isEqualTo(1);
        assertThat(TpeSampler.gamma(11)).isEqualTo(2);
        assertThat(TpeSampler.gamma(1000)).isEqualTo(25);
        assertThat(TpeSampler.weights(3)).containsExactly(1, 1, 1);
        double[] ramp = TpeSampler.weights(30); // linspace(1/30, 1, 5) then 25 ones
        assertThat(ramp[0]).isEqualTo(1.0 / 30);
        assertThat(ramp[4]).isEqualTo(1.0);
        assertThat(Arrays.stream(ramp, 5, 30).allMatch(w -> w == 1.0)).isTrue();
        assertThat(ramp[1]).isBetween(ramp[0], ramp[2]);
    }

    @Property(tries = 15)
    void everySuggestionIsAValidAssignmentWithConditionalsOnlyWhenActive(
            @ForAll @IntRange(min = 0, max = 1000) int seed, @ForAll boolean multivariate, @ForAll boolean liar) {
        TpeSampler sampler = new TpeSampler(
                seed,
                TpeSampler.Options.defaults().withMultivariate(multivariate).withConstantLiar(liar));
        InMemoryStudy study = run(sampler, MIXED, MIXED_LOSS, 40);
        for (Trial trial : study.trials()) {
            assertThat(MIXED.check(trial.parameters())).isEqualTo(trial.parameters());
            assertThat(trial.parameters().containsKey("momentum"))
                    .isEqualTo("momentum".equals(trial.parameters().get("optimizer")));
        }
    }

    @Test
    void theSameHistoryAndNumberGiveTheSameSuggestionOnAnyInstance() {
        InMemoryStudy study = run(new TpeSampler(3), MIXED, MIXED_LOSS, 30);
        StudyHistory history = study.history();
        assertThat(new TpeSampler(3).suggest(history, 30)).isEqualTo(new TpeSampler(3).suggest(history, 30));
        assertThat(new TpeSampler(3).suggest(history, 30)).isNotEqualTo(new TpeSampler(4).suggest(history, 30));
    }

    @Test
    void learnsWhereTheGoodRegionIsAndBeatsRandomSearch() {
        SearchSpace space = SearchSpace.of(
                FloatVariable.uniform("x", -10, 10),
                FloatVariable.logUniform("y", 1e-4, 1),
                IntVariable.uniform("k", 0, 20));
        ToDoubleFunction<Map<String, Object>> loss = p -> Math.pow(((Number) p.get("x")).doubleValue() - 3, 2)
                + Math.pow(Math.log10(((Number) p.get("y")).doubleValue()) + 2, 2)
                + Math.abs(((Number) p.get("k")).doubleValue() - 7);
        List<Double> tpe = new ArrayList<>();
        List<Double> random = new ArrayList<>();
        for (int seed = 0; seed < 5; seed++) {
            tpe.add(best(run(new TpeSampler(seed), space, loss, 100)));
            random.add(best(run(new RandomSampler(seed), space, loss, 100)));
        }
        tpe.sort(null);
        random.sort(null);
        assertThat(tpe.get(2)).isLessThan(random.get(2) / 3);
        assertThat(tpe.get(2)).isLessThan(0.5);
    }

    @Test
    void maximizingFindsTheTopAsMinimizingFindsTheBottom() {
        SearchSpace space = SearchSpace.of(FloatVariable.uniform("x", 0, 1));
        InMemoryStudy study = new InMemoryStudy(space, List.of(Direction.MAXIMIZE), new TpeSampler(1));
        study.optimize(p -> new double[] {-Math.abs(((Number) p.get("x")).doubleValue() - 0.8)}, 60);
        double x = ((Number) study.history().best().orElseThrow().parameters().get("x")).doubleValue();
        assertThat(x).isBetween(0.75, 0.85);
    }

    @Test
    void categoricalChoicesFollowTheirResults() {
        SearchSpace space = SearchSpace.of(CategoricalVariable.of("c", "a", "b", "c", "d"));
        InMemoryStudy study = run(new TpeSampler(5), space, p -> "c".equals(p.get("c")) ? 0 : 1, 60);
        long late = study.trials().subList(30, 60).stream()
                .filter(t -> "c".equals(t.parameters().get("c")))
                .count();
        assertThat(late).isGreaterThan(20);
    }

    @Test
    void withTheConstantLiarParallelAsksAvoidWhereOthersAreRunning() {
        SearchSpace space = SearchSpace.of(FloatVariable.uniform("x", 0, 1));
        TpeSampler honest = new TpeSampler(9);
        TpeSampler liar = new TpeSampler(9, TpeSampler.Options.defaults().withConstantLiar(true));
        InMemoryStudy done =
                run(new RandomSampler(9), space, p -> Math.abs(((Number) p.get("x")).doubleValue() - 0.3), 30);
        StudyHistory history = done.history();
        // eight workers ask before any tells: the honest sampler answers near the same spot each time
        double honestSpread = spread(honest, history, 8);
        double liarSpread = spread(liar, history, 8);
        assertThat(liarSpread).isGreaterThan(honestSpread);
    }

    private static double spread(TpeSampler sampler, StudyHistory history, int workers) {
        StudyHistory current = history;
        List<Double> asked = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            long number = current.trials().size();
            Map<String, Object> params = sampler.suggest(current, number).parameters();
            asked.add(((Number) params.get("x")).doubleValue());
            current = current.with(Trial.running(number, params));
        }
        double mean = asked.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return asked.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum();
    }

    @Test
    void prunedTrialsCountByHowFarTheyGot() {
        SearchSpace space = SearchSpace.of(FloatVariable.uniform("x", 0, 1));
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            trials.add(Trial.complete(i, Map.of("x", 0.5 + i / 100.0), 1.0 + i));
        }
        // a pruned trial that got far ranks after complete ones but before ones pruned early
        Trial far = Trial.running(20, Map.of("x", 0.9))
                .withIntermediate(10, 0.1)
                .withState(io.mabeam.optimization.entity.TrialState.PRUNED);
        Trial early = Trial.running(21, Map.of("x", 0.1))
                .withIntermediate(1, 0.0)
                .withState(io.mabeam.optimization.entity.TrialState.PRUNED);
        trials.add(far);
        trials.add(early);
        StudyHistory history = StudyHistory.minimizing(space, trials);
        TpeSampler.TrialSplit split = TpeSampler.TrialSplit.of(history, history.trials(), 21);
        assertThat(split.below()).contains(far).doesNotContain(early);
    }
}
