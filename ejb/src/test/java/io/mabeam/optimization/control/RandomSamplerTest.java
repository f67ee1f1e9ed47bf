package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.Condition;
import io.mabeam.variables.entity.FixedVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.SearchSpace;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RandomSamplerTest {

    static final SearchSpace MIXED = SearchSpace.of(
            IntVariable.uniform("n_layers", 1, 8),
            FloatVariable.logUniform("lr", 1e-5, 1e-1),
            CategoricalVariable.of("optimizer", "sgd", "momentum", "adam", "rmsprop"),
            new FloatVariable(
                    "momentum", 0.5, 0.99, false, null, Optional.of(new Condition("optimizer", List.of("momentum")))),
            FloatVariable.uniform("dropout", 0, 0.5),
            new FixedVariable("epochs", 10, Optional.empty()));

    @Property(tries = 300)
    void everyDrawIsAValidAssignmentWithConditionalVariablesOnlyWhenActive(
            @ForAll long seed, @ForAll @LongRange(min = 0, max = 100_000) long trial) {
        Map<String, Object> params = new RandomSampler(seed).sample(MIXED, trial);
        assertThat(MIXED.check(params)).isEqualTo(params); // throws if a value is out of bounds or misplaced
        assertThat(params.containsKey("momentum")).isEqualTo("momentum".equals(params.get("optimizer")));
        assertThat(params.get("epochs")).isEqualTo(10);
    }

    @Property(tries = 100)
    void theSameSeedAndTrialGiveTheSameDrawWhateverWasAskedBefore(
            @ForAll long seed, @ForAll @LongRange(min = 0, max = 1000) long trial) {
        RandomSampler first = new RandomSampler(seed);
        RandomSampler second = new RandomSampler(seed);
        second.sample(MIXED, trial + 1); // asked in another order on another node
        assertThat(second.sample(MIXED, trial)).isEqualTo(first.sample(MIXED, trial));
    }

    @Test
    void drawsCoverTheSpaceLogScaleInclusively() {
        RandomSampler sampler = new RandomSampler(42);
        int belowMilli = 0;
        int[] layers = new int[9];
        for (int trial = 0; trial < 2000; trial++) {
            Map<String, Object> params = sampler.sample(MIXED, trial);
            if (((Number) params.get("lr")).doubleValue() < 1e-3) {
                belowMilli++;
            }
            layers[((Number) params.get("n_layers")).intValue()]++;
        }
        // log-uniform: half the draws below the geometric middle 1e-3
        assertThat(belowMilli).isBetween(900, 1100);
        for (int n = 1; n <= 8; n++) {
            assertThat(layers[n]).as("n_layers=%d", n).isBetween(180, 320);
        }
        assertThat(new RandomSampler(42).sample(MIXED, 7)).isNotEqualTo(new RandomSampler(43).sample(MIXED, 7));
    }
}
