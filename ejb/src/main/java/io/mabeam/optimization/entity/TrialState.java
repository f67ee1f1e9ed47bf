package io.mabeam.optimization.entity;

/** A trial's life: waiting (enqueued, not yet asked) and running end as complete, pruned or failed. */
public enum TrialState {
    WAITING,
    RUNNING,
    COMPLETE,
    PRUNED,
    FAILED;

    public boolean finished() {
        return this == COMPLETE || this == PRUNED || this == FAILED;
    }

    /** The event that records a trial ending in this state. */
    public String eventType() {
        return switch (this) {
            case COMPLETE -> "TrialCompleted";
            case PRUNED -> "TrialPruned";
            default -> "TrialFailed";
        };
    }
}
