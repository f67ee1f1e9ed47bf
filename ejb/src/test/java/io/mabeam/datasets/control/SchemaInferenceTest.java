package io.mabeam.datasets.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.datasets.entity.ColumnType;
import io.mabeam.datasets.entity.DatasetSchema;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {

    static DatasetSchema bundled(String name) throws Exception {
        try (var in = SchemaInferenceTest.class.getResourceAsStream("/io/mabeam/datasets/bundled/" + name + ".csv")) {
            return SchemaInference.infer(new CsvReader(CsvReader.Limits.DEFAULT).read(in.readAllBytes()));
        }
    }

    @Test
    void infersPenguinsColumnsWithTheirMissingValues() throws Exception {
        DatasetSchema schema = bundled("penguins");
        assertThat(schema.rows()).isEqualTo(344);
        assertThat(schema.require("species").type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(schema.require("species").categories()).containsExactly("Adelie", "Chinstrap", "Gentoo");
        assertThat(schema.require("bill_length_mm").type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(schema.require("bill_length_mm").missing()).isEqualTo(2);
        assertThat(schema.require("sex").missing()).isEqualTo(11);
    }

    @Test
    void tellsFlagsFromCategoriesAndNamesFromBoth() throws Exception {
        DatasetSchema titanic = bundled("titanic");
        assertThat(titanic.require("adult_male").type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(titanic.require("survived").type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(titanic.require("embarked").categories()).containsExactly("C", "Q", "S");
        DatasetSchema mpg = bundled("mpg");
        assertThat(mpg.require("name").type()).isEqualTo(ColumnType.TEXT);
        assertThat(mpg.require("name").usableAsFeature()).isFalse();
        assertThat(mpg.require("horsepower").missing()).isEqualTo(6);
        assertThat(mpg.require("mpg").min()).isEqualTo(9.0);
    }
}
