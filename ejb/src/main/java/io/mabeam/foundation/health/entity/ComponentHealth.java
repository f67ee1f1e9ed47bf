package io.mabeam.foundation.health.entity;

/** One component's state as its probe found it, with a line saying why. */
public record ComponentHealth(String component, Status status, boolean critical, String detail) {

    public enum Status {
        UP,
        DEGRADED,
        DOWN
    }
}
