package io.mabeam.foundation.resilience.boundary;

import io.mabeam.foundation.resilience.entity.BreakerState;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** This node's circuit breakers on outbound calls. */
@Path("v1/resilience")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class ResilienceResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    Resilience resilience;

    @GET
    @Path("breakers")
    public String breakers() {
        JsonArrayBuilder all = JSON.createArrayBuilder();
        resilience.breakers().forEach(breaker -> all.add(json(breaker)));
        return all.build().toString();
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
