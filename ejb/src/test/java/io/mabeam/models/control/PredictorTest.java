package io.mabeam.models.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mabeam.datasets.control.CsvReader;
import io.mabeam.datasets.control.SchemaInference;
import io.mabeam.datasets.entity.Table;
import io.mabeam.models.entity.Prediction;
import io.mabeam.training.control.NetworkTrainer;
import io.mabeam.training.control.Preprocessor;
import io.mabeam.training.control.TrainingData;
import io.mabeam.training.entity.NetworkSpec;
import io.mabeam.training.entity.TrainingSetup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PredictorTest {

    static TrainingData penguins;
    static Predictor predictor;

    @BeforeAll
    static void train() throws Exception {
        Table table;
        try (var in = PredictorTest.class.getResourceAsStream("/io/mabeam/datasets/bundled/penguins.csv")) {
            table = new CsvReader(CsvReader.Limits.DEFAULT).read(in.readAllBytes());
        }
        penguins = TrainingData.prepare(
                table,
                SchemaInference.infer(table),
                new TrainingSetup("penguins", "species", null, null, null, null, 25, 25, 0.2, 0.2, 3));
        var trained = NetworkTrainer.train(
                penguins, NetworkSpec.of(Map.of("units", 16, "learning_rate", 0.02), 25), 25, 3, (e, s) -> false);
        // what a stored model is: its network as bytes and its preprocessing as JSON, read back
        predictor = new Predictor(
                NetworkBytes.network(NetworkBytes.of(trained.network())),
                Preprocessor.fromJson(penguins.preprocessor().toJson()));
    }

    @Test
    void predictsRowsByColumnNameWithProbabilitiesThatSumToOne() {
        Map<String, Object> gentoo = new HashMap<>(Map.of(
                "island",
                "Biscoe",
                "bill_length_mm",
                48.6,
                "bill_depth_mm",
                16.0,
                "flipper_length_mm",
                230,
                "body_mass_g",
                5800,
                "sex",
                "MALE",
                "species",
                "ignored"));
        Map<String, Object> partial = new HashMap<>();
        partial.put("island", "Torgersen");
        partial.put("bill_length_mm", 39.1);
        partial.put("sex", null);
        List<Prediction> predictions = predictor.predictRows(List.of(gentoo, partial), true);
        assertThat(predictions.get(0).label()).isEqualTo("Gentoo");
        assertThat(predictions.get(1).label()).isEqualTo("Adelie");
        for (Prediction prediction : predictions) {
            assertThat(prediction.probabilities().values().stream()
                            .mapToDouble(Double::doubleValue)
                            .sum())
                    .isCloseTo(1.0, within(1e-5));
            assertThat(prediction.confidence())
                    .isEqualTo(prediction.probabilities().get(prediction.label()));
            assertThat(prediction.embedding()).hasSize(16);
        }
    }

    @Test
    void answersTheTestRowsAsWellAsTrainingScoredThem() {
        double[][] x = penguins.test().x();
        List<Prediction> predictions = predictor.predictEncoded(x, false);
        int right = 0;
        for (int i = 0; i < x.length; i++) {
            String truth =
                    penguins.preprocessor().classes().get((int) penguins.test().y()[i]);
            right += predictions.get(i).label().equals(truth) ? 1 : 0;
        }
        assertThat((double) right / x.length).isGreaterThan(0.9);
    }

    @Test
    void refusesRowsItCannotRead() {
        assertThatThrownBy(() -> predictor.predictRows(List.of(Map.of("wings", 2)), false))
                .hasMessageStartingWith("row 0: unknown column wings");
        assertThatThrownBy(() -> predictor.predictRows(List.of(Map.of("bill_length_mm", "long")), false))
                .hasMessageContaining("bill_length_mm is numeric");
        assertThatThrownBy(() -> predictor.predictEncoded(new double[][] {{1, 2}}, false))
                .hasMessageContaining("takes 9");
        assertThatThrownBy(() -> predictor.predictRows(List.of(), false)).hasMessageContaining("1 to 10000 rows");
    }
}
