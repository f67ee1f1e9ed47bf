package io.mabeam.variables.boundary;

import io.mabeam.foundation.api.boundary.IfMatch;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import io.mabeam.variables.control.LiveVariableStore;
import io.mabeam.variables.control.SearchSpaceJson;
import io.mabeam.variables.entity.LiveVariable;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;

/**
 * Live variables over REST: declare one with its domain and first value, read it anywhere in the cluster,
 * change it (compare-and-set with {@code If-Match} or {@code "version"}), read its history. Changes stream
 * to subscribers through {@code GET /api/v1/events/tail?stream=variable:<name>}.
 */
@Path("v1/variables")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class VariablesResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    LiveVariables variables;

    @GET
    public String list() {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        variables.list().forEach(v -> array.add(json(v)));
        return JSON.createObjectBuilder().add("variables", array).build().toString();
    }

    /** Body {@code {"definition": {"type": "float", "low": 0, "high": 1, "log"?, "step"?}, "value": 0.5}}. */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response declare(@PathParam("name") String name, @Valid @NotNull VariableBodies.Declaration request) {
        if (request.definition == null) {
            throw DomainException.invalid("a live variable needs \"definition\": {\"type\": ...}");
        }
        if (!request.valueGiven()) {
            throw DomainException.invalid("a live variable needs its first \"value\"");
        }
        LiveVariables.Declaration declaration =
                variables.declare(name, request.definition, scalar(name, request.getValue()));
        LiveVariable declared = declaration.variable();
        return Response.status(declaration.created() ? 201 : 200)
                .entity(json(declared).toString())
                .tag(Long.toString(declared.version()))
                .build();
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        LiveVariable variable = variables.get(name);
        return Response.ok(json(variable).toString())
                .tag(Long.toString(variable.version()))
                .build();
    }

    /** Body {@code {"value": 0.3, "version"?: 4, "reason"?: "..."}}; {@code If-Match: "4"} works as version. */
    @PUT
    @Path("{name}/value")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response set(
            @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull VariableBodies.Change request) {
        if (!request.valueGiven()) {
            throw DomainException.invalid("the body needs \"value\"");
        }
        Long version;
        if (request.versionGiven()) {
            if (request.getVersion() == null) {
                throw DomainException.invalid("\"version\" is a whole number");
            }
            version = request.getVersion();
        } else {
            version = IfMatch.version(ifMatch);
        }
        LiveVariable changed = variables.set(name, scalar(name, request.getValue()), version, request.reason);
        return Response.ok(json(changed).toString())
                .tag(Long.toString(changed.version()))
                .build();
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response remove(@PathParam("name") String name) {
        variables.remove(name);
        return Response.noContent().build();
    }

    /** The variable's changes, newest first: {@code [{type, value, previous, version, reason, principal, at}]}. */
    @GET
    @Path("{name}/history")
    public String history(@PathParam("name") String name, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw DomainException.invalid("limit is 1 to 1000");
        }
        variables.get(name);
        JsonArrayBuilder array = JSON.createArrayBuilder();
        variables.history(name, limit).forEach(event -> {
            JsonObject payload;
            try (var reader = JSON.createReader(new StringReader(event.payload()))) {
                payload = reader.readObject();
            }
            JsonObject metadata;
            try (var reader = JSON.createReader(new StringReader(event.metadata()))) {
                metadata = reader.readObject();
            }
            JsonObjectBuilder entry = JSON.createObjectBuilder(payload)
                    .add("type", event.type())
                    .add("at", event.recordedAt().toString());
            if (metadata.containsKey("principal")) {
                entry.add("principal", metadata.get("principal"));
            }
            array.add(entry);
        });
        return array.build().toString();
    }

    static JsonObject json(LiveVariable variable) {
        return JSON.createObjectBuilder()
                .add("name", variable.name())
                .add("definition", LiveVariableStore.definition(variable.definition()))
                .add("value", SearchSpaceJson.toJson(variable.value()))
                .add("version", variable.version())
                .add("changedBy", variable.changedBy())
                .add("changedAt", variable.changedAt().toString())
                .build();
    }

    private static Object scalar(String name, JsonValue value) {
        try {
            return SearchSpaceJson.scalar(name, value);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
    }
}
