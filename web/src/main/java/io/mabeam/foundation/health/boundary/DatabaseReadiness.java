package io.mabeam.foundation.health.boundary;

import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.entity.DatabaseStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the database answers and its schema is migrated. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @EJB
    Database database;

    @Override
    public HealthCheckResponse call() {
        DatabaseStatus status = database.status();
        boolean migrated = !"none".equals(status.schemaVersion());
        return HealthCheckResponse.named("database")
                .status(status.reachable() && migrated)
                .withData("product", status.product() + " " + status.version())
                .withData("schemaVersion", status.schemaVersion())
                .withData("error", status.error() == null ? "" : status.error())
                .build();
    }
}
