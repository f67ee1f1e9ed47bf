package io.mabeam.foundation.resilience.boundary;

import io.mabeam.foundation.alerts.boundary.Alerts;
import io.mabeam.foundation.resilience.entity.BreakerState;
import io.mabeam.foundation.resilience.entity.OutboundResult;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** This node's circuit breakers on outbound calls, and a test alert through them. */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class ResilienceResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    Resilience resilience;

    @Inject
    Alerts alerts;

    @GET
    @Path("resilience/breakers")
    public String breakers() {
        JsonArrayBuilder all = JSON.createArrayBuilder();
        resilience.breakers().forEach(breaker -> all.add(json(breaker)));
        return all.build().toString();
    }

    /** Sends a test alert to the configured webhook now: what became of it; 409 without a webhook. */
    @POST
    @Path("alerts/test")
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

    static JsonObject json(BreakerState breaker) {
        var json = JSON.createObjectBuilder()
                .add("name", breaker.name())
                .add("state", breaker.state())
                .add("calls", breaker.calls())
                .add("failures", breaker.failures())
                .add("refused", breaker.refused())
                .add("changedAt", breaker.changedAt().toString());
        if (breaker.lastFailure() != null) {
            json.add("lastFailure", breaker.lastFailure());
        }
        return json.build();
    }
}
