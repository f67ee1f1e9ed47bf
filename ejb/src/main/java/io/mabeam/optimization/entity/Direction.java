package io.mabeam.optimization.entity;

/** Whether an objective is to be made small or large. */
public enum Direction {
    MINIMIZE,
    MAXIMIZE;

    /** The value as a loss: smaller is always better. */
    public double loss(double value) {
        return this == MINIMIZE ? value : -value;
    }

    public boolean better(double candidate, double incumbent) {
        return loss(candidate) < loss(incumbent);
    }
}
