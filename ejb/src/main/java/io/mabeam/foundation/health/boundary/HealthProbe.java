package io.mabeam.foundation.health.boundary;

import io.mabeam.foundation.health.entity.ComponentHealth;

/** Looks at one component; found as a CDI bean by the {@link HealthMonitor}. Must not throw. */
public interface HealthProbe {

    ComponentHealth probe();
}
