package io.mabeam.training.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mabeam.datasets.control.SchemaInference;
import io.mabeam.datasets.entity.Table;
import io.mabeam.training.entity.Metric;
import io.mabeam.training.entity.Task;
import io.mabeam.training.entity.TrainingSetup;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreprocessorTest {

    @Test
    void encodesPenguinsWithOneHotIslandsAndStandardisedMeasures() {
        TrainingData data = Bundled.prepared("penguins", "species", List.of(), 10, 7);
        Preprocessor pre = data.preprocessor();
        assertThat(data.setup().task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(data.setup().metric()).isEqualTo(Metric.ACCURACY);
        assertThat(pre.classes()).containsExactly("Adelie", "Chinstrap", "Gentoo");
        // island (3) + 4 measures + sex (2)
        assertThat(pre.width()).isEqualTo(9);
        double[] column =
                Arrays.stream(data.train().x()).mapToDouble(row -> row[3]).toArray();
        assertThat(Arrays.stream(column).average().orElseThrow()).isCloseTo(0, within(0.05));
        assertThat(Arrays.stream(data.train().x())
                        .flatMapToDouble(Arrays::stream)
                        .allMatch(Double::isFinite))
                .isTrue();
    }

    @Test
    void imputesMissingValuesWithTheTrainingMedianAndMode() {
        Table table = Bundled.table("penguins");
        TrainingData data = Bundled.prepared("penguins", "species", List.of(), 10, 7);
        Preprocessor pre = data.preprocessor();
        Preprocessor.Numeric bill = (Preprocessor.Numeric) pre.encodings().stream()
                .filter(e -> e.column().equals("bill_length_mm"))
                .findFirst()
                .orElseThrow();
        double[] missing = pre.encode(column -> null);
        int offset = pre.features().indexOf("bill_length_mm") + 2; // after island's three columns
        assertThat(missing[offset]).isCloseTo((bill.median() - bill.mean()) / bill.scale(), within(1e-12));
        assertThat(table.rowCount()).isEqualTo(344);
    }

    @Test
    void unseenCategoriesAreAllZeroAndBadNumbersAreRefused() {
        Preprocessor pre =
                Bundled.prepared("penguins", "species", List.of(), 10, 7).preprocessor();
        Map<String, String> row = Map.of("island", "Atlantis", "bill_length_mm", "40");
        double[] x = pre.encode(row::get);
        assertThat(x[0] + x[1] + x[2]).isZero();
        assertThatThrownBy(() -> pre.encode(Map.of("bill_length_mm", "long")::get))
                .hasMessageContaining("bill_length_mm is numeric");
    }

    @Test
    void regressionTargetsAreStandardisedAndComeBackInTheirUnits() {
        TrainingData data = Bundled.prepared("mpg", "mpg", List.of(), 10, 3);
        Preprocessor pre = data.preprocessor();
        assertThat(data.setup().task()).isEqualTo(Task.REGRESSION);
        assertThat(pre.features()).doesNotContain("name", "mpg");
        double mean = Arrays.stream(data.train().y()).average().orElseThrow();
        assertThat(mean).isCloseTo(0, within(1e-9));
        assertThat(pre.unscale(data.train().y()[0])).isBetween(9.0, 46.6);
    }

    @Test
    void survivesAJsonRoundTrip() {
        Preprocessor pre =
                Bundled.prepared("titanic", "survived", List.of("alive"), 10, 1).preprocessor();
        Preprocessor back = Preprocessor.fromJson(pre.toJson());
        Map<String, String> row = Map.of("sex", "female", "age", "30", "adult_male", "False", "embarked", "C");
        assertThat(back.encode(row::get)).containsExactly(pre.encode(row::get));
        assertThat(back.classes()).containsExactly("0", "1");
        assertThat(back.features()).doesNotContain("alive").contains("who", "deck");
    }

    @Test
    void refusesSetupsThatDoNotFitTheData() {
        Table table = Bundled.table("mpg");
        var schema = SchemaInference.infer(table);
        assertThatThrownBy(() -> TrainingData.prepare(
                        table,
                        schema,
                        new TrainingSetup("mpg", "origin", Task.REGRESSION, null, null, null, 5, 2, 0.2, 0.2, 1)))
                .hasMessageContaining("regression needs a numeric target");
        assertThatThrownBy(() -> TrainingData.prepare(
                        table, schema, new TrainingSetup("mpg", "nope", null, null, null, null, 5, 2, 0.2, 0.2, 1)))
                .hasMessageContaining("no column nope");
        assertThatThrownBy(() -> new TrainingSetup(
                        "mpg", "mpg", Task.REGRESSION, Metric.ACCURACY, null, null, 5, 2, 0.2, 0.2, 1))
                .hasMessageContaining("accuracy scores classification");
    }
}
