package io.mabeam.optimization.control;

import static io.mabeam.optimization.control.CmaEsSamplerTest.empty;
import static io.mabeam.optimization.control.CmaEsSamplerTest.run;
import static io.mabeam.optimization.control.CmaEsSamplerTest.x;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Suggestion;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.Condition;
import io.mabeam.variables.entity.FixedVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.SearchSpace;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GpSamplerTest {

    /** Every kind of variable: plain, log and stepped floats, plain, stepped and log ints, choices, conditions. */
    static final SearchSpace EVERY_KIND = SearchSpace.of(
            FloatVariable.uniform("plain", -2, 3),
            FloatVariable.logUniform("rate", 1e-5, 1e-1),
            new FloatVariable("stepped", 0, 1, false, 0.25, Optional.empty()),
            IntVariable.uniform("layers", 1, 8),
            new IntVariable("units", 16, 512, false, 16, Optional.empty()),
            new IntVariable("batch", 1, 1000, true, 1, Optional.empty()),
            CategoricalVariable.of("optimizer", "sgd", "adam", "rmsprop"),
            new FloatVariable(
                    "momentum", 0, 0.99, false, null, Optional.of(new Condition("optimizer", List.of("sgd")))),
            new FixedVariable("tag", "x", Optional.empty()));

    static double everyKindLoss(Map<String, Object> p) {
        double loss = Math.pow(x(p, "plain") - 1, 2)
                + Math.pow(Math.log10(x(p, "rate")) + 3, 2)
                + Math.abs(x(p, "stepped") - 0.5)
                + Math.abs(x(p, "layers") - 4) / 4
                + Math.abs(x(p, "units") - 128) / 128
                + Math.abs(Math.log(x(p, "batch") / 32))
                + (p.get("optimizer").equals("adam") ? 0 : 0.5);
        return p.containsKey("momentum") ? loss + Math.abs(x(p, "momentum") - 0.9) : loss;
    }

    static double quadratic(Map<String, Object> p) {
        double a = x(p, "x0") - 1.3;
        double b = x(p, "x1") + 0.7;
        return a * a + 3 * b * b + a * b;
    }

    static final SearchSpace SQUARE =
            SearchSpace.of(FloatVariable.uniform("x0", -5, 5), FloatVariable.uniform("x1", -5, 5));

    static double best(StudyHistory history) {
        return history.best().orElseThrow().value();
    }

    @Property(tries = 6)
    void everySuggestionIsAValidAssignmentInsideTheBounds(@ForAll @IntRange(min = 0, max = 1000) int seed) {
        GpSampler sampler = new GpSampler(seed, GpSampler.Options.defaults().withStartupTrials(4));
        StudyHistory history = empty(EVERY_KIND);
        for (int number = 0; number < 12; number++) {
            Suggestion suggestion = sampler.suggest(history, number);
            Map<String, Object> parameters = suggestion.parameters();
            assertThat(EVERY_KIND.check(parameters)).isEqualTo(parameters);
            assertThat(parameters.containsKey("momentum"))
                    .isEqualTo(parameters.get("optimizer").equals("sgd"));
            assertThat(x(parameters, "plain")).isBetween(-2.0, 3.0);
            assertThat(x(parameters, "rate")).isBetween(1e-5, 1e-1);
            assertThat(x(parameters, "units") % 16).isZero();
            history = history.with(Trial.complete(number, parameters, everyKindLoss(parameters))
                    .withSystemAttributes(suggestion.systemAttributes()));
        }
        assertThat(history.trials().get(11).systemAttributes()).containsKey(GpSampler.HYPERPARAMETERS);
    }

    @Test
    void aFreshSamplerSuggestsTheSameForTheSameHistoryAndNumber() {
        StudyHistory history = run(new GpSampler(11), empty(EVERY_KIND), 16, GpSamplerTest::everyKindLoss);
        Suggestion first = new GpSampler(11).suggest(history, 16);
        Suggestion again = new GpSampler(11).suggest(history, 16);
        assertThat(again).isEqualTo(first);
        // and the run itself replays identically
        StudyHistory replayed = run(new GpSampler(11), empty(EVERY_KIND), 16, GpSamplerTest::everyKindLoss);
        assertThat(replayed.trials()).isEqualTo(history.trials());
    }

    @Test
    void aConcurrentAskAvoidsTheRunningTrial() {
        StudyHistory history = run(new GpSampler(6), empty(SQUARE), 20, GpSamplerTest::quadratic);
        Suggestion first = new GpSampler(6).suggest(history, 20);
        StudyHistory withRunning = history.with(Trial.running(20, first.parameters()));
        Suggestion second = new GpSampler(6).suggest(withRunning, 21);
        double dx = x(first.parameters(), "x0") - x(second.parameters(), "x0");
        double dy = x(first.parameters(), "x1") - x(second.parameters(), "x1");
        assertThat(Math.hypot(dx, dy)).isGreaterThan(1e-3);
    }

    @Test
    void startupTrialsComeFromTheCompanion() {
        RandomSampler random = new RandomSampler(4);
        StudyHistory history = run(new GpSampler(4), empty(SQUARE), 10, GpSamplerTest::quadratic);
        for (Trial trial : history.trials()) {
            assertThat(trial.parameters()).isEqualTo(random.sample(SQUARE, trial.number()));
        }
    }

    @Test
    void convergesOnAQuadraticFarBetterThanRandom() {
        ToDoubleFunction<Map<String, Object>> f = GpSamplerTest::quadratic;
        int wins = 0;
        for (long seed = 0; seed < 3; seed++) {
            double gp = best(run(new GpSampler(seed), empty(SQUARE), 30, f));
            double random = best(run(new RandomSampler(seed), empty(SQUARE), 30, f));
            assertThat(gp).as("seed %d", seed).isLessThan(1e-2);
            if (gp < random) {
                wins++;
            }
        }
        assertThat(wins).isEqualTo(3);
    }

    @Test
    void maximizesByMinimizingTheNegatedValue() {
        StudyHistory start = new StudyHistory(SQUARE, List.of(Direction.MAXIMIZE), List.of());
        StudyHistory history = run(new GpSampler(2), start, 30, p -> -quadratic(p));
        assertThat(history.best().orElseThrow().value()).isGreaterThan(-1e-2);
    }

    @Test
    void refusesSeveralObjectives() {
        StudyHistory twoObjectives =
                new StudyHistory(SQUARE, List.of(Direction.MINIMIZE, Direction.MINIMIZE), List.of());
        assertThatThrownBy(() -> new GpSampler(0).suggest(twoObjectives, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new GpSampler(0).name()).isEqualTo("gp");
    }
}
