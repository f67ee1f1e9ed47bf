package io.mabeam.agents.boundary;

import io.mabeam.agents.entity.AgentSnapshot;
import io.mabeam.agents.entity.AgentState;
import io.mabeam.foundation.health.boundary.HealthProbe;
import io.mabeam.foundation.health.entity.ComponentHealth;
import io.mabeam.foundation.health.entity.ComponentHealth.Status;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;

/**
 * Health of this node's agents: how many run, degraded while some are failed (restarting, or given up) or the
 * journal of their transitions falls behind. Not critical: the rest of the node works without agents.
 */
@ApplicationScoped
public class AgentProbes {

    @EJB
    AgentPlatform platform;

    @Produces
    HealthProbe agents() {
        return () -> {
            try {
                List<AgentSnapshot> all = platform.snapshots();
                long failed =
                        all.stream().filter(a -> a.state() == AgentState.FAILED).count();
                long running = all.stream()
                        .filter(a -> a.state() == AgentState.RUNNING)
                        .count();
                String detail = all.size() + " agents here, " + running + " running";
                if (failed > 0) {
                    return new ComponentHealth("agents", Status.DEGRADED, false, detail + ", " + failed + " failed");
                }
                return new ComponentHealth("agents", Status.UP, false, detail);
            } catch (RuntimeException e) {
                return new ComponentHealth("agents", Status.DOWN, false, String.valueOf(e.getMessage()));
            }
        };
    }
}
