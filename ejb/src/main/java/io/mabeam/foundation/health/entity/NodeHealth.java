package io.mabeam.foundation.health.entity;

import java.time.Instant;
import java.util.List;

/**
 * A node's health at one moment: {@link Level#UNHEALTHY} when a critical component is down,
 * {@link Level#DEGRADED} when any other is down or any is degraded, otherwise {@link Level#HEALTHY}.
 */
public record NodeHealth(String node, Level level, List<ComponentHealth> components, Instant checkedAt) {

    public enum Level {
        HEALTHY,
        DEGRADED,
        UNHEALTHY
    }

    public static Level aggregate(List<ComponentHealth> components) {
        Level level = Level.HEALTHY;
        for (ComponentHealth component : components) {
            if (component.status() == ComponentHealth.Status.DOWN && component.critical()) {
                return Level.UNHEALTHY;
            }
            if (component.status() != ComponentHealth.Status.UP) {
                level = Level.DEGRADED;
            }
        }
        return level;
    }
}
