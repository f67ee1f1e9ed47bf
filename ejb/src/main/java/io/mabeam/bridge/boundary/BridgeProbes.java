package io.mabeam.bridge.boundary;

import io.mabeam.bridge.entity.PoolStats;
import io.mabeam.foundation.health.boundary.HealthProbe;
import io.mabeam.foundation.health.entity.ComponentHealth;
import io.mabeam.foundation.health.entity.ComponentHealth.Status;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;

/**
 * Health of the Python bridge: the interpreter runs, and no objective's workers are failing in a row (a crash
 * loop, a source that no longer loads). Not critical: everything but Python objectives works without it.
 */
@ApplicationScoped
public class BridgeProbes {

    static final int FAILING = 3;

    @EJB
    PythonBridge bridge;

    @Produces
    HealthProbe pythonBridge() {
        return () -> {
            PythonBridge.Interpreter interpreter = bridge.interpreter();
            if (!interpreter.usable()) {
                return new ComponentHealth("python-bridge", Status.DEGRADED, false, interpreter.detail());
            }
            List<PoolStats> failing = bridge.pools().stream()
                    .filter(pool -> pool.consecutiveFailures() >= FAILING)
                    .toList();
            if (!failing.isEmpty()) {
                return new ComponentHealth(
                        "python-bridge",
                        Status.DEGRADED,
                        false,
                        "workers keep failing for "
                                + String.join(
                                        ", ",
                                        failing.stream()
                                                .map(p -> "python:" + p.objective() + " (" + p.consecutiveFailures()
                                                        + " in a row)")
                                                .toList()));
            }
            int alive = bridge.pools().stream().mapToInt(PoolStats::alive).sum();
            return new ComponentHealth(
                    "python-bridge", Status.UP, false, interpreter.detail() + "; " + alive + " worker(s) running");
        };
    }
}
