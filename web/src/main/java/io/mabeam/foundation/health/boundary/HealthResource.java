package io.mabeam.foundation.health.boundary;

import io.mabeam.foundation.events.entity.RecordedEvent;
import io.mabeam.foundation.health.entity.NodeHealth;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;

/**
 * This node's aggregated health (healthy, degraded, unhealthy) with each component, and the recorded
 * history of its changes. The MicroProfile endpoints under {@code /health} stay the probes for
 * orchestrators; this is the operator's view.
 */
@Path("v1/health")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class HealthResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    HealthMonitor monitor;

    @GET
    public String current() {
        return json(monitor.current()).toString();
    }

    /** Probes every component now instead of waiting for the next round. */
    @POST
    @Path("check")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String checkNow() {
        return json(monitor.check()).toString();
    }

    /** Recorded changes of a node's level, newest first (this node unless {@code node} is given). */
    @GET
    @Path("history")
    public String history(@QueryParam("node") String node, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw DomainException.invalid("limit is 1 to 1000");
        }
        JsonArrayBuilder changes = JSON.createArrayBuilder();
        for (RecordedEvent event :
                monitor.history(node == null ? monitor.current().node() : node, limit)) {
            JsonObject payload =
                    JSON.createReader(new StringReader(event.payload())).readObject();
            changes.add(JSON.createObjectBuilder(payload)
                    .add("recordedAt", event.recordedAt().toString()));
        }
        return changes.build().toString();
    }

    static JsonObject json(NodeHealth health) {
        return JSON.createObjectBuilder()
                .add("node", health.node())
                .add("level", health.level().name())
                .add("checkedAt", health.checkedAt().toString())
                .add("components", HealthMonitor.components(health))
                .build();
    }
}
