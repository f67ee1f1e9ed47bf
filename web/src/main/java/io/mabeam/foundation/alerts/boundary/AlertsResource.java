package io.mabeam.foundation.alerts.boundary;

import io.mabeam.foundation.resilience.entity.OutboundResult;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A test alert through the outbound breaker to the configured webhook. */
@Path("v1/alerts/test")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class AlertsResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    Alerts alerts;

    /** Sends a test alert to the configured webhook now: what became of it; 409 without a webhook. */
    @POST
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String testAlert() {
        OutboundResult result = alerts.sendTest();
        var json = JSON.createObjectBuilder().add("delivered", result.delivered());
        if (result.delivered()) {
            json.add("status", result.status());
        } else {
            json.add("reason", result.reason());
        }
        return json.build().toString();
    }
}
