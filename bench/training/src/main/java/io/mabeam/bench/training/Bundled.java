package io.mabeam.bench.training;

import io.mabeam.datasets.control.CsvReader;
import io.mabeam.datasets.control.SchemaInference;
import io.mabeam.datasets.entity.Table;
import io.mabeam.training.control.TrainingData;
import io.mabeam.training.entity.TrainingSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The bundled datasets, prepared as a study's trials get them. */
final class Bundled {

    private Bundled() {}

    static TrainingData prepared(String name, String target, List<String> exclude, int maxEpochs, int patience) {
        try (var in = Bundled.class.getResourceAsStream("/io/mabeam/datasets/bundled/" + name + ".csv")) {
            Table table = new CsvReader(CsvReader.Limits.DEFAULT).read(in.readAllBytes());
            return TrainingData.prepare(
                    table,
                    SchemaInference.infer(table),
                    new TrainingSetup(name, target, null, null, List.of(), exclude, maxEpochs, patience, 0.2, 0.2, 42));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
