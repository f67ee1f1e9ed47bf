package io.mabeam.foundation.registry.boundary;

import static io.mabeam.foundation.api.boundary.JsonBodies.object;
import static io.mabeam.foundation.api.boundary.JsonBodies.text;

import io.mabeam.foundation.api.boundary.BoundBody;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.registry.control.RegistryJson;
import io.mabeam.foundation.registry.entity.RegistryChange;
import io.mabeam.foundation.registry.entity.RegistryEntry;
import io.mabeam.foundation.registry.entity.ServiceHealth;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry over HTTP. An entry registered here belongs to the node that received the request and
 * disappears when that node leaves the cluster. Find entries by metadata with {@code ?meta.<field>=<value>}.
 */
@Path("v1/registry")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class RegistryResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    Registry registry;

    @GET
    public String namespaces() {
        JsonObjectBuilder sizes = JSON.createObjectBuilder();
        registry.namespaceSizes().forEach(sizes::add);
        return sizes.build().toString();
    }

    @GET
    @Path("{namespace}")
    public String find(
            @PathParam("namespace") String namespace, @QueryParam("kind") String kind, @Context UriInfo uri) {
        Map<String, String> metadata = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (name.startsWith("meta.") && !values.isEmpty()) {
                metadata.put(name.substring("meta.".length()), values.get(0));
            }
        });
        JsonArrayBuilder found = JSON.createArrayBuilder();
        registry.find(namespace, kind == null ? null : kind(kind), metadata).forEach(entry -> found.add(json(entry)));
        return found.build().toString();
    }

    /** Body {@code {"name", "kind"?: "process" | "service", "metadata"?, "dependencies"?, "health"?}}. */
    @POST
    @Path("{namespace}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response register(@PathParam("namespace") String namespace, String body, @Context UriInfo uri) {
        JsonObject request = object(body);
        String name = text(request, "name");
        if (name == null) {
            throw DomainException.invalid("an entry has a \"name\"");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        if (request.get("metadata") instanceof JsonObject fields) {
            fields.forEach((key, value) ->
                    metadata.put(key, value instanceof JsonString s ? s.getString() : value.toString()));
        } else if (request.containsKey("metadata")) {
            throw DomainException.invalid("\"metadata\" is an object");
        }
        List<String> dependencies = new ArrayList<>();
        if (request.get("dependencies") instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (!(item instanceof JsonString dependency)) {
                    throw DomainException.invalid("\"dependencies\" are names");
                }
                dependencies.add(dependency.getString());
            }
        } else if (request.containsKey("dependencies")) {
            throw DomainException.invalid("\"dependencies\" is an array of names");
        }
        String kind = text(request, "kind");
        String health = text(request, "health");
        RegistryEntry entry = registry.register(
                namespace,
                name,
                kind == null ? null : kind(kind),
                metadata,
                dependencies,
                health == null ? null : health(health));
        return Response.created(uri.getAbsolutePathBuilder().path(name).build())
                .entity(json(entry).toString())
                .build();
    }

    @GET
    @Path("{namespace}/{name}")
    public String lookup(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return registry.lookup(namespace, name)
                .map(entry -> json(entry).toString())
                .orElseThrow(() -> DomainException.notFound("nothing named '" + name + "' in " + namespace));
    }

    /** Body {@code {"health": "up" | "degraded" | "down"}}. */
    @PUT
    @Path("{namespace}/{name}/health")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String reportHealth(
            @PathParam("namespace") String namespace,
            @PathParam("name") String name,
            @Valid @NotNull HealthReport request) {
        return json(registry.reportHealth(namespace, name, health(request.health)))
                .toString();
    }

    /** {@code {"health": "up" | "degraded" | "down"}}. */
    public static class HealthReport implements BoundBody {
        @NotNull(message = "the body names the \"health\"")
        @Size(max = 100)
        public String health;
    }

    @DELETE
    @Path("{namespace}/{name}")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response unregister(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        registry.unregister(namespace, name);
        return Response.noContent().build();
    }

    /** Server-Sent Events: every change in the namespace, made on any node, as this node hears it. */
    @GET
    @Path("{namespace}/watch")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void watch(@PathParam("namespace") String namespace, @Context SseEventSink sink, @Context Sse sse) {
        Runnable[] stop = new Runnable[1];
        stop[0] = registry.watch(namespace, change -> {
            if (sink.isClosed()) {
                stop[0].run();
                return;
            }
            sink.send(sse.newEventBuilder()
                            .name(change.type().name())
                            .mediaType(MediaType.APPLICATION_JSON_TYPE)
                            .data(String.class, json(change).toString())
                            .build())
                    .whenComplete((done, failed) -> {
                        if (failed != null) {
                            stop[0].run();
                            sink.close();
                        }
                    });
        });
        sink.send(sse.newEvent("WATCHING", namespace));
    }

    private JsonObject json(RegistryEntry entry) {
        JsonObjectBuilder json = JSON.createObjectBuilder(RegistryJson.object(entry));
        if (entry.kind() == RegistryEntry.Kind.SERVICE) {
            JsonArrayBuilder unmet = JSON.createArrayBuilder();
            registry.unmetDependencies(entry).forEach(unmet::add);
            json.add("unmetDependencies", unmet);
        }
        return json.build();
    }

    private static JsonObject json(RegistryChange change) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("type", change.type().name())
                .add("entry", RegistryJson.object(change.entry()));
        if (change.about() != null) {
            json.add("about", change.about());
        }
        if (change.reason() != null) {
            json.add("reason", change.reason());
        }
        return json.build();
    }

    private static RegistryEntry.Kind kind(String text) {
        try {
            return RegistryEntry.Kind.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("kind is process or service");
        }
    }

    private static ServiceHealth health(String text) {
        try {
            return ServiceHealth.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("health is up, degraded or down");
        }
    }
}
