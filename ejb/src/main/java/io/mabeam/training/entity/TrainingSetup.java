package io.mabeam.training.entity;

import io.mabeam.datasets.entity.ColumnSchema;
import io.mabeam.datasets.entity.ColumnType;
import io.mabeam.datasets.entity.DatasetSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * What a study's trials train on: a dataset, the column to predict, the task and metric, the feature columns
 * (all usable ones but the target and those excluded when none are named), how many epochs a trial may run
 * and after how many without improvement it stops early, and the seeded train/validation/test split.
 */
public record TrainingSetup(
        String dataset,
        String target,
        Task task,
        Metric metric,
        List<String> features,
        List<String> exclude,
        int maxEpochs,
        int patience,
        double validationFraction,
        double testFraction,
        long seed) {

    public static final int DEFAULT_MAX_EPOCHS = 50;
    public static final int DEFAULT_PATIENCE = 8;

    public TrainingSetup {
        if (dataset == null || dataset.isBlank()) {
            throw new IllegalArgumentException("a training setup names its dataset");
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("a training setup names its target column");
        }
        features = features == null ? List.of() : List.copyOf(features);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        if (maxEpochs < 1 || maxEpochs > 10_000) {
            throw new IllegalArgumentException("maxEpochs is 1 to 10000");
        }
        if (patience < 1 || patience > maxEpochs) {
            throw new IllegalArgumentException("patience is 1 to maxEpochs");
        }
        if (!(validationFraction >= 0.05 && validationFraction <= 0.5)
                || !(testFraction >= 0 && testFraction <= 0.5)
                || validationFraction + testFraction > 0.8) {
            throw new IllegalArgumentException(
                    "validationFraction is 0.05 to 0.5, testFraction 0 to 0.5, together at most 0.8");
        }
        if (features.contains(target)) {
            throw new IllegalArgumentException("the target " + target + " cannot also be a feature");
        }
        if (task != null && metric != null && metric.task() != task) {
            throw new IllegalArgumentException("metric " + metric.label() + " scores "
                    + metric.task().name().toLowerCase() + ", not "
                    + task.name().toLowerCase());
        }
    }

    /**
     * This setup completed for a dataset: the task from the target's type when not given, the task's usual
     * metric when none is given, the feature columns when none are named.
     *
     * @throws IllegalArgumentException when the columns do not fit the task
     */
    public TrainingSetup resolve(DatasetSchema schema) {
        ColumnSchema label = schema.require(target);
        Task resolvedTask = task != null ? task : metric != null ? metric.task() : taskFor(label);
        if (resolvedTask == Task.REGRESSION && label.type() != ColumnType.NUMERIC) {
            throw new IllegalArgumentException("regression needs a numeric target; " + target + " is "
                    + label.type().name().toLowerCase());
        }
        if (resolvedTask == Task.CLASSIFICATION) {
            if (label.type() == ColumnType.TEXT || label.distinct() > 100) {
                throw new IllegalArgumentException("classification needs at most 100 classes; " + target + " has "
                        + label.distinct() + " distinct values");
            }
            if (label.distinct() < 2) {
                throw new IllegalArgumentException("classification needs at least 2 classes in " + target);
            }
        }
        List<String> resolvedFeatures = new ArrayList<>();
        if (features.isEmpty()) {
            for (ColumnSchema column : schema.columns()) {
                if (!column.name().equals(target) && !exclude.contains(column.name()) && column.usableAsFeature()) {
                    resolvedFeatures.add(column.name());
                }
            }
        } else {
            for (String feature : features) {
                ColumnSchema column = schema.require(feature);
                if (!column.usableAsFeature()) {
                    throw new IllegalArgumentException(
                            "column " + feature + " cannot be a feature (free text or a single value)");
                }
                resolvedFeatures.add(feature);
            }
        }
        for (String excluded : exclude) {
            schema.require(excluded);
        }
        if (resolvedFeatures.isEmpty()) {
            throw new IllegalArgumentException("no column is left to learn " + target + " from");
        }
        return new TrainingSetup(
                dataset,
                target,
                resolvedTask,
                metric != null ? metric : Metric.defaultFor(resolvedTask),
                resolvedFeatures,
                exclude,
                maxEpochs,
                patience,
                validationFraction,
                testFraction,
                seed);
    }

    private static Task taskFor(ColumnSchema label) {
        boolean fewIntegers = label.type() == ColumnType.NUMERIC && label.distinct() <= 10 && integral(label);
        return label.type() == ColumnType.NUMERIC && !fewIntegers ? Task.REGRESSION : Task.CLASSIFICATION;
    }

    private static boolean integral(ColumnSchema column) {
        return column.min() != null
                && column.min() == Math.rint(column.min())
                && column.max() == Math.rint(column.max());
    }
}
