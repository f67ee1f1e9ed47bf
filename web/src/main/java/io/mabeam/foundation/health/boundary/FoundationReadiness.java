package io.mabeam.foundation.health.boundary;

import io.mabeam.foundation.health.entity.ComponentHealth;
import io.mabeam.foundation.health.entity.NodeHealth;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The health monitor's aggregate as a readiness check: down only when the node is unhealthy; a degraded
 * node still serves, and says which components are in trouble.
 */
@Readiness
@ApplicationScoped
public class FoundationReadiness implements HealthCheck {

    @EJB
    HealthMonitor monitor;

    @Override
    public HealthCheckResponse call() {
        NodeHealth health = monitor.current();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("foundation")
                .status(health.level() != NodeHealth.Level.UNHEALTHY)
                .withData("level", health.level().name());
        for (ComponentHealth component : health.components()) {
            response.withData(component.component(), component.status().name());
        }
        return response.build();
    }
}
