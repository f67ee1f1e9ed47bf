package io.mabeam.foundation.registry.entity;

/** How a registered service reports itself. */
public enum ServiceHealth {
    UP,
    DEGRADED,
    DOWN
}
