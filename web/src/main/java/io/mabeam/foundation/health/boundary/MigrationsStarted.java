package io.mabeam.foundation.health.boundary;

import io.mabeam.foundation.persistence.boundary.Database;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the schema migrations have run. */
@Startup
@ApplicationScoped
public class MigrationsStarted implements HealthCheck {

    @EJB
    Database database;

    @Override
    public HealthCheckResponse call() {
        String version = database.status().schemaVersion();
        return HealthCheckResponse.named("migrations")
                .status(!"none".equals(version))
                .withData("schemaVersion", version)
                .build();
    }
}
