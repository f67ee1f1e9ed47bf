package io.mabeam.foundation.events.entity;

/** How two vector clocks are ordered: one happened before the other, they are equal, or concurrent. */
public enum Causality {
    BEFORE,
    AFTER,
    EQUAL,
    CONCURRENT
}
