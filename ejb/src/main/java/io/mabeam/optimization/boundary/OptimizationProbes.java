package io.mabeam.optimization.boundary;

import io.mabeam.foundation.health.boundary.HealthProbe;
import io.mabeam.foundation.health.entity.ComponentHealth;
import io.mabeam.foundation.health.entity.ComponentHealth.Status;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Health of the optimization engine: studies and running trials, degraded when running trials stay past
 * their heartbeat deadline (nobody is failing and retrying them: no study-scheduler leader, or its watch is
 * stuck). Not critical: the rest of the node works without it.
 */
@ApplicationScoped
public class OptimizationProbes {

    @EJB
    Studies studies;

    @Produces
    HealthProbe optimization() {
        return () -> {
            try {
                Studies.Overview overview = studies.overview();
                String detail = overview.studies() + " studies, " + overview.running() + " running trials";
                if (overview.overdue() > 0) {
                    return new ComponentHealth(
                            "optimization",
                            Status.DEGRADED,
                            false,
                            detail + ", " + overview.overdue() + " past their heartbeat deadline and not yet failed");
                }
                return new ComponentHealth("optimization", Status.UP, false, detail);
            } catch (RuntimeException e) {
                return new ComponentHealth("optimization", Status.DOWN, false, String.valueOf(e.getMessage()));
            }
        };
    }
}
