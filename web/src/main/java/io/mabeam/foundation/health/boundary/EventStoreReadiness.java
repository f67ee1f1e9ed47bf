package io.mabeam.foundation.health.boundary;

import io.mabeam.foundation.events.boundary.Events;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while an event could be appended: every state change of the platform is recorded there. */
@Readiness
@ApplicationScoped
public class EventStoreReadiness implements HealthCheck {

    @EJB
    Events events;

    @Override
    public HealthCheckResponse call() {
        String problem = events.whyAppendsWouldFail();
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("event-store").status(problem == null);
        if (problem != null) {
            response.withData("error", problem);
        }
        return response.build();
    }
}
