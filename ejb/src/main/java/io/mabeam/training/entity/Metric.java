package io.mabeam.training.entity;

import io.mabeam.optimization.entity.Direction;
import java.util.Arrays;
import java.util.Locale;

/** How a model's predictions are scored, for which task, and whether more is better. */
public enum Metric {
    ACCURACY("accuracy", Task.CLASSIFICATION, Direction.MAXIMIZE),
    F1("f1", Task.CLASSIFICATION, Direction.MAXIMIZE),
    LOG_LOSS("log-loss", Task.CLASSIFICATION, Direction.MINIMIZE),
    RMSE("rmse", Task.REGRESSION, Direction.MINIMIZE),
    MAE("mae", Task.REGRESSION, Direction.MINIMIZE),
    R2("r2", Task.REGRESSION, Direction.MAXIMIZE);

    private final String label;
    private final Task task;
    private final Direction direction;

    Metric(String label, Task task, Direction direction) {
        this.label = label;
        this.task = task;
        this.direction = direction;
    }

    public String label() {
        return label;
    }

    public Task task() {
        return task;
    }

    public Direction direction() {
        return direction;
    }

    /** Whether {@code candidate} scores better than {@code incumbent}. */
    public boolean better(double candidate, double incumbent) {
        return direction == Direction.MAXIMIZE ? candidate > incumbent : candidate < incumbent;
    }

    public static Metric of(String label) {
        return Arrays.stream(values())
                .filter(m -> m.label.equals(label.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown metric " + label
                        + " (accuracy, f1, log-loss for classification; rmse, mae, r2 for regression)"));
    }

    /** The usual metric of a task. */
    public static Metric defaultFor(Task task) {
        return task == Task.CLASSIFICATION ? ACCURACY : RMSE;
    }
}
