package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.SearchSpace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialJsonTest {

    static final SearchSpace SPACE = SearchSpace.of(
            FloatVariable.uniform("x", -3, 3), FloatVariable.logUniform("lr", 1e-4, 1), IntVariable.uniform("k", 1, 9));

    /** What a stored study reads back is what its samplers wrote, so every node replays them alike. */
    @Test
    void samplersAnswerTheSameFromStoredAttributesAsFromTheirOwn() {
        for (Sampler sampler : List.of(new CmaEsSampler(5), new NsgaIISampler(5, 6, NsgaIISampler.Crossover.SBX))) {
            InMemoryStudy study = new InMemoryStudy(SPACE, List.of(Direction.MINIMIZE), sampler);
            study.optimize(
                    p -> new double[] {
                        Math.pow(((Number) p.get("x")).doubleValue() - 1, 2) + ((Number) p.get("k")).doubleValue()
                    },
                    40);
            List<Trial> stored = study.trials().stream()
                    .map(t -> t.withSystemAttributes(TrialJson.attributes(TrialJson.attributes(t.systemAttributes()))))
                    .map(t -> new Trial(
                            t.number(),
                            t.state(),
                            TrialJson.parameters(SPACE, TrialJson.parameters(t.parameters())),
                            t.values(),
                            t.intermediates(),
                            t.constraints(),
                            t.systemAttributes()))
                    .toList();
            StudyHistory original = study.history();
            StudyHistory readBack = new StudyHistory(SPACE, List.of(Direction.MINIMIZE), stored);
            Sampler fresh = sampler instanceof CmaEsSampler
                    ? new CmaEsSampler(5)
                    : new NsgaIISampler(5, 6, NsgaIISampler.Crossover.SBX);
            assertThat(fresh.suggest(readBack, 40)).isEqualTo(sampler.suggest(original, 40));
        }
    }

    @Test
    void listsOfNumbersSurviveExactly() {
        Map<String, Object> attributes = Map.of("cma:x", List.of(0.1 + 0.2, 1.0, 1e-300), "cma:told", List.of(3L, 4L));
        assertThat(TrialJson.attributes(TrialJson.attributes(attributes))).isEqualTo(attributes);
    }
}
