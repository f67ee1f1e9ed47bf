package io.mabeam.foundation.tasks.entity;

/** Where a supervised task is in its life. */
public enum TaskStatus {
    RUNNING,
    /** Ended and waiting for its restart. */
    BACKING_OFF,
    /** Ended normally and not restarted (transient or temporary). */
    COMPLETED,
    /** Failed and not restarted (temporary). */
    FAILED,
    /** Restarted too often within its window: given up, until an operator restarts it. */
    ESCALATED,
    /** Stopped on purpose. */
    STOPPED
}
