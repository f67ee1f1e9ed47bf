package io.mabeam.training.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkObjectiveTest {

    private final TrainingData iris = Bundled.prepared("iris", "species", List.of(), 12, 11);

    @Test
    void scoresATrialByItsBestEpochReportsEveryEpochAndHandsOverTheNetwork() throws Exception {
        List<Long> steps = new ArrayList<>();
        List<Long> kept = new ArrayList<>();
        NetworkObjective objective =
                new NetworkObjective(study -> iris, (study, trial, parameters, data, trained) -> kept.add(trial));
        double[] value = objective.evaluate(new Objective.Evaluation(
                "s", 3, Map.of("units", 16, "learning_rate", 0.05), (step, v) -> steps.add(step) == false));
        assertThat(value).hasSize(1);
        assertThat(value[0]).isBetween(0.0, 1.0);
        assertThat(steps).startsWith(1L, 2L, 3L);
        assertThat(kept).containsExactly(3L);
    }

    @Test
    void aPrunedTrialStopsAndKeepsNoModel() {
        List<Long> kept = new ArrayList<>();
        NetworkObjective objective =
                new NetworkObjective(study -> iris, (study, trial, parameters, data, trained) -> kept.add(trial));
        assertThatThrownBy(() -> objective.evaluate(new Objective.Evaluation("s", 0, Map.of(), (step, v) -> step == 2)))
                .isInstanceOf(Objective.Pruned.class)
                .hasMessage("pruned at step 2");
        assertThat(kept).isEmpty();
    }

    @Test
    void refusesParametersThatAreNotANetworksAndNeedsAStudy() {
        NetworkObjective objective = new NetworkObjective(study -> iris, (s, t, p, d, trained) -> {});
        assertThatThrownBy(() -> objective.evaluate(
                        new Objective.Evaluation("s", 0, Map.of("colour", 1), Objective.Progress.NONE)))
                .hasMessageContaining("unknown network parameter colour");
        assertThatThrownBy(() -> objective.evaluate(
                        new Objective.Evaluation("s", 0, Map.of("layers", 1.5), Objective.Progress.NONE)))
                .hasMessageContaining("layers is a whole number");
        assertThatThrownBy(() -> objective.evaluate(Map.of(), Objective.Progress.NONE))
                .hasMessageContaining("trains on a study's data");
    }

    @Test
    void readsTrainingSetupsFromJsonAndRefusesWhatItDoesNotKnow() {
        var json = jakarta.json.Json.createReader(
                        new java.io.StringReader(
                                "{\"dataset\":\"iris\",\"target\":\"species\",\"metric\":\"f1\",\"maxEpochs\":9,\"exclude\":[\"x\"]}"))
                .readObject();
        var setup = TrainingSetupJson.parse(json);
        assertThat(setup.metric().label()).isEqualTo("f1");
        assertThat(setup.maxEpochs()).isEqualTo(9);
        assertThat(TrainingSetupJson.parse(TrainingSetupJson.json(setup))).isEqualTo(setup);
        assertThatThrownBy(() -> TrainingSetupJson.parse(jakarta.json.Json.createObjectBuilder()
                        .add("dataset", "iris")
                        .add("target", "species")
                        .add("metric", "speed")
                        .build()))
                .hasMessageContaining("unknown metric speed");
        assertThatThrownBy(() -> TrainingSetupJson.parse(jakarta.json.Json.createObjectBuilder()
                        .add("dataset", "iris")
                        .add("target", 3)
                        .build()))
                .hasMessageContaining("target is a string");
    }
}
