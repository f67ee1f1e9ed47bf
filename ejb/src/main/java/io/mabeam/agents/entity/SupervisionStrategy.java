package io.mabeam.agents.entity;

/** Which children a supervisor restarts when one fails, as in OTP. */
public enum SupervisionStrategy {
    /** Only the failed child. */
    ONE_FOR_ONE,
    /** Every child: they depend on each other. */
    ONE_FOR_ALL,
    /** The failed child and those started after it (which depend on it). */
    REST_FOR_ONE
}
