package io.mabeam.training.control;

import io.mabeam.datasets.control.CsvReader;
import io.mabeam.datasets.control.SchemaInference;
import io.mabeam.datasets.entity.DatasetSchema;
import io.mabeam.datasets.entity.Table;
import io.mabeam.training.entity.TrainingSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The bundled datasets, read as the platform reads them, for tests. */
final class Bundled {

    private Bundled() {}

    static Table table(String name) {
        try (var in = Bundled.class.getResourceAsStream("/io/mabeam/datasets/bundled/" + name + ".csv")) {
            return new CsvReader(CsvReader.Limits.DEFAULT).read(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TrainingData prepared(String name, String target, List<String> exclude, int maxEpochs, long seed) {
        Table table = table(name);
        DatasetSchema schema = SchemaInference.infer(table);
        return TrainingData.prepare(
                table,
                schema,
                new TrainingSetup(name, target, null, null, List.of(), exclude, maxEpochs, 5, 0.2, 0.2, seed));
    }
}
