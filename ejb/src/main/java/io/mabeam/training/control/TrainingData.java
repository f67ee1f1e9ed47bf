package io.mabeam.training.control;

import io.mabeam.datasets.entity.DatasetSchema;
import io.mabeam.datasets.entity.Table;
import io.mabeam.training.entity.Task;
import io.mabeam.training.entity.TrainingSetup;
import java.util.stream.IntStream;

/**
 * A dataset made ready for training under a setup: rows without a target dropped, split, the preprocessing
 * fitted on the training rows, and the three parts encoded. Built once per dataset and setup, then shared by
 * every trial (it is immutable).
 */
public final class TrainingData {

    /** One part of the split: features, targets (class indices or standardised numbers). */
    public record Part(double[][] x, double[] y) {
        public int size() {
            return y.length;
        }

        public int[] classes() {
            return java.util.Arrays.stream(y).mapToInt(v -> (int) v).toArray();
        }
    }

    private final TrainingSetup setup;
    private final Preprocessor preprocessor;
    private final Part train;
    private final Part validation;
    private final Part test;

    private TrainingData(TrainingSetup setup, Preprocessor preprocessor, Part train, Part validation, Part test) {
        this.setup = setup;
        this.preprocessor = preprocessor;
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    /** @throws IllegalArgumentException when the setup does not fit the data */
    public static TrainingData prepare(Table table, DatasetSchema schema, TrainingSetup setup) {
        TrainingSetup resolved = setup.resolve(schema);
        int t = table.column(resolved.target());
        int[] rows = IntStream.range(0, table.rowCount())
                .filter(r -> table.cell(r, t) != null)
                .toArray();
        String[] strata = null;
        if (resolved.task() == Task.CLASSIFICATION) {
            strata = new String[rows.length];
            for (int i = 0; i < rows.length; i++) {
                strata[i] = table.cell(rows[i], t);
            }
        }
        Split split = Split.of(rows, strata, resolved.validationFraction(), resolved.testFraction(), resolved.seed());
        Preprocessor preprocessor = Preprocessor.fit(table, schema, resolved, split.train());
        return new TrainingData(
                resolved,
                preprocessor,
                part(table, preprocessor, split.train()),
                part(table, preprocessor, split.validation()),
                part(table, preprocessor, split.test()));
    }

    private static Part part(Table table, Preprocessor preprocessor, int[] rows) {
        return new Part(preprocessor.features(table, rows), preprocessor.targets(table, rows));
    }

    public TrainingSetup setup() {
        return setup;
    }

    public Preprocessor preprocessor() {
        return preprocessor;
    }

    public Part train() {
        return train;
    }

    public Part validation() {
        return validation;
    }

    public Part test() {
        return test;
    }
}
