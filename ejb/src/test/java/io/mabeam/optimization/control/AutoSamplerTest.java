package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.Condition;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AutoSamplerTest {

    static final SearchSpace NUMBERS = SearchSpace.of(FloatVariable.uniform("x", 0, 1));
    static final SearchSpace WITH_CHOICE =
            SearchSpace.of(FloatVariable.uniform("x", 0, 1), CategoricalVariable.of("c", "a", "b"));
    static final SearchSpace CONDITIONAL = SearchSpace.of(
            CategoricalVariable.of("c", "a", "b"),
            new FloatVariable("x", 0, 1, false, null, Optional.of(new Condition("c", List.of("a")))));

    static StudyHistory completed(SearchSpace space, int trials) {
        RandomSampler random = new RandomSampler(1);
        List<Trial> done = new ArrayList<>();
        for (int n = 0; n < trials; n++) {
            Map<String, Object> parameters = random.sample(space, n);
            done.add(Trial.complete(n, parameters, n));
        }
        return StudyHistory.minimizing(space, done);
    }

    @Test
    void theGaussianProcessAnswersSingleObjectiveSpacesWithoutConditionsUntilItsTrialLimit() {
        AutoSampler auto = new AutoSampler(0, false);
        assertThat(auto.choice(completed(NUMBERS, 0))).isEqualTo("gp");
        assertThat(auto.choice(completed(NUMBERS, AutoSampler.GP_TRIALS - 1))).isEqualTo("gp");
        assertThat(auto.choice(completed(NUMBERS, AutoSampler.GP_TRIALS))).isEqualTo("cmaes");
        assertThat(auto.choice(completed(WITH_CHOICE, 10))).isEqualTo("gp");
        assertThat(auto.choice(completed(WITH_CHOICE, AutoSampler.GP_TRIALS))).isEqualTo("tpe");
    }

    @Test
    void conditionalSpacesAndSeveralObjectivesGoToTpe() {
        AutoSampler auto = new AutoSampler(0, false);
        assertThat(auto.choice(completed(CONDITIONAL, 20))).isEqualTo("tpe");
        StudyHistory twoObjectives =
                new StudyHistory(NUMBERS, List.of(Direction.MINIMIZE, Direction.MAXIMIZE), List.of());
        assertThat(auto.choice(twoObjectives)).isEqualTo("tpe");
    }

    @Test
    void severalObjectivesGetALargerGoodGroupThanOptunasGamma() {
        AutoSampler auto = new AutoSampler(0, false);
        StudyHistory twoObjectives =
                new StudyHistory(NUMBERS, List.of(Direction.MINIMIZE, Direction.MAXIMIZE), List.of());
        TpeSampler chosen = (TpeSampler) auto.choose(twoObjectives);
        assertThat(chosen.options().gamma(100)).isEqualTo(15);
        assertThat(chosen.options().gamma(1000)).isEqualTo(50);
        assertThat(TpeSampler.Options.defaults().gamma(100)).isEqualTo(10);
        assertThat(TpeSampler.Options.defaults().gamma(1000)).isEqualTo(25);
    }

    @Test
    void aFreshInstanceMakesTheSameSuggestion() {
        StudyHistory history = completed(WITH_CHOICE, 30);
        assertThat(new AutoSampler(3, false).suggest(history, 30))
                .isEqualTo(new AutoSampler(3, false).suggest(history, 30));
    }
}
