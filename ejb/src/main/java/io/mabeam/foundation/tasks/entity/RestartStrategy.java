package io.mabeam.foundation.tasks.entity;

/** When a supervised task is started again, as in OTP: always, only after a failure, or never. */
public enum RestartStrategy {
    /** Restarted whenever it ends, normally or not: work that must always run. */
    PERMANENT,
    /** Restarted only when it fails: work that may finish. */
    TRANSIENT,
    /** Never restarted. */
    TEMPORARY
}
