package io.mabeam.foundation.config.boundary;

import static io.mabeam.foundation.api.boundary.JsonBodies.optional;

import io.mabeam.foundation.api.boundary.IfMatch;
import io.mabeam.foundation.config.entity.ConfigChange;
import io.mabeam.foundation.config.entity.ConfigDiff;
import io.mabeam.foundation.config.entity.ConfigSchema;
import io.mabeam.foundation.config.entity.ConfigSetting;
import io.mabeam.foundation.config.entity.ConfigType;
import io.mabeam.foundation.events.entity.WrongExpectedVersion;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * The config server over HTTP. Values are written with an optional {@code If-Match: "<version>"} (a
 * stale version is a 412 and changes nothing) and checked against the setting's schema (a value outside
 * it is a 400 naming the rule). Each setting shows its stored value and, separately, what MicroProfile
 * Config resolves on this node and from which source, since environment variables and system properties
 * take precedence.
 */
@Path("v1/config")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class ConfigResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    ConfigServer server;

    @EJB
    ConfigCache cache;

    @GET
    public String list() {
        JsonArrayBuilder all = JSON.createArrayBuilder();
        server.settings().forEach(setting -> all.add(json(setting)));
        return all.build().toString();
    }

    @GET
    @Path("{key}")
    public Response get(@PathParam("key") String key) {
        ConfigSetting setting = server.setting(key);
        return Response.ok(json(setting).toString())
                .tag(new EntityTag(Long.toString(setting.entry().version())))
                .build();
    }

    /** A new value for a setting. */
    public static class SetRequest {
        /** A string, number or boolean. */
        public JsonValue value;

        /** Why, for the history. */
        public String comment;
    }

    /** Body {@code {"value": …, "comment"?}}; the value as a string, number or boolean. */
    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response set(
            @PathParam("key") String key, @HeaderParam("If-Match") String ifMatch, @NotNull SetRequest request) {
        if (request.value == null || request.value == JsonValue.NULL) {
            throw DomainException.invalid("the body carries a \"value\"; DELETE removes one");
        }
        String value = scalar(request.value);
        return written(() -> server.set(key, value, IfMatch.version(ifMatch), request.comment));
    }

    /** Removes the stored value; the setting's default applies again. */
    @DELETE
    @Path("{key}")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response unset(@PathParam("key") String key, @HeaderParam("If-Match") String ifMatch) {
        return written(() -> server.unset(key, IfMatch.version(ifMatch), null));
    }

    @GET
    @Path("{key}/history")
    public String history(@PathParam("key") String key, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw DomainException.invalid("limit is 1 to 1000");
        }
        JsonArrayBuilder versions = JSON.createArrayBuilder();
        server.history(key, limit).forEach(change -> versions.add(json(change)));
        return versions.build().toString();
    }

    @GET
    @Path("{key}/diff")
    public String diff(@PathParam("key") String key, @QueryParam("from") Long from, @QueryParam("to") Long to) {
        if (from == null || to == null) {
            throw DomainException.invalid("a diff names two versions: ?from=…&to=…");
        }
        ConfigDiff diff = server.diff(key, from, to);
        return JSON.createObjectBuilder()
                .add("key", key)
                .add("from", json(diff.from()))
                .add("to", json(diff.to()))
                .add("changed", diff.changed())
                .build()
                .toString();
    }

    /** The version whose value becomes the newest. */
    public static class RollbackRequest {
        @NotNull(message = "the body names the \"version\" to roll back to")
        public Long version;

        /** Why, for the history. */
        public String comment;
    }

    /** Body {@code {"version": n, "comment"?}}: the value of version n becomes the newest version. */
    @POST
    @Path("{key}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response rollback(
            @PathParam("key") String key,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull RollbackRequest request) {
        return written(() -> server.rollback(key, request.version, IfMatch.version(ifMatch), request.comment));
    }

    /** A setting's schema: its type, range or allowed values, default and description. */
    public static class SchemaRequest {
        /** {@code string}, {@code integer}, {@code number}, {@code boolean} or {@code duration}. */
        public String type;

        public BigDecimal minimum;

        public BigDecimal maximum;

        /** Strings, numbers or booleans. */
        public JsonArray allowedValues;

        /** A string, number or boolean. */
        public JsonValue defaultValue;

        public String description;
    }

    /**
     * Declares a setting: body {@code {"type", "minimum"?, "maximum"?, "allowedValues"?, "defaultValue"?,
     * "description"?}}. Admins only; built-in settings keep the platform's schema.
     */
    @PUT
    @Path("schemas/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response declare(@PathParam("key") String key, @NotNull SchemaRequest request) {
        ConfigSchema schema;
        try {
            schema = new ConfigSchema(
                    key,
                    ConfigType.of(request.type),
                    request.minimum,
                    request.maximum,
                    request.allowedValues == null
                            ? List.of()
                            : request.allowedValues.stream()
                                    .map(ConfigResource::scalar)
                                    .toList(),
                    request.defaultValue == null || request.defaultValue == JsonValue.NULL
                            ? null
                            : scalar(request.defaultValue),
                    request.description);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        boolean isNew =
                server.settings().stream().noneMatch(s -> s.schema().key().equals(key));
        server.declare(schema, false);
        String json = json(server.setting(key)).toString();
        return (isNew ? Response.status(201) : Response.ok()).entity(json).build();
    }

    /** Server-Sent Events: each change of any setting once this node's cache holds it. */
    @GET
    @Path("changes")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void changes(@Context SseEventSink sink, @Context Sse sse) {
        List<Consumer<ConfigChange>> self = new ArrayList<>(1);
        Consumer<ConfigChange> listener = change -> {
            if (sink.isClosed()) {
                cache.removeListener(self.get(0));
                return;
            }
            sink.send(sse.newEventBuilder()
                            .id(change.key() + "@" + change.version())
                            .name("ConfigChanged")
                            .mediaType(MediaType.APPLICATION_JSON_TYPE)
                            .data(String.class, json(change).toString())
                            .build())
                    .whenComplete((done, failed) -> {
                        if (failed != null) {
                            cache.removeListener(self.get(0));
                            sink.close();
                        }
                    });
        };
        self.add(listener);
        cache.addListener(listener);
        sink.send(sse.newEvent("Following", "config changes on this node"));
    }

    interface Write {
        ConfigSetting run();
    }

    private Response written(Write write) {
        try {
            ConfigSetting setting = write.run();
            return Response.ok(json(setting).toString())
                    .tag(new EntityTag(Long.toString(setting.entry().version())))
                    .build();
        } catch (WrongExpectedVersion concurrent) {
            throw DomainException.conflict("the setting changed at the same moment; nothing was written, try again");
        }
    }

    JsonObject json(ConfigSetting setting) {
        ConfigSchema schema = setting.schema();
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("key", schema.key())
                .add("type", schema.type().name().toLowerCase(java.util.Locale.ROOT))
                .add("description", schema.description())
                .add("builtIn", setting.builtIn())
                .add("version", setting.entry().version());
        if (schema.minimum() != null) {
            json.add("minimum", schema.minimum());
        }
        if (schema.maximum() != null) {
            json.add("maximum", schema.maximum());
        }
        JsonArrayBuilder allowed = JSON.createArrayBuilder();
        schema.allowedValues().forEach(allowed::add);
        json.add("allowedValues", allowed);
        optional(json, "defaultValue", schema.defaultValue());
        optional(json, "value", setting.entry().value());
        optional(json, "changedBy", setting.entry().changedBy());
        optional(
                json,
                "changedAt",
                setting.entry().changedAt() == null
                        ? null
                        : setting.entry().changedAt().toString());
        ConfigValue effective = ConfigProvider.getConfig().getConfigValue(schema.key());
        JsonObjectBuilder resolved = JSON.createObjectBuilder();
        optional(resolved, "value", effective.getValue());
        optional(resolved, "source", effective.getSourceName());
        json.add("effective", resolved);
        optional(json, "cached", cache.value(schema.key()).orElse(null)); // what this node's cache holds
        return json.build();
    }

    static JsonObject json(ConfigChange change) {
        JsonObjectBuilder json =
                JSON.createObjectBuilder().add("key", change.key()).add("version", change.version());
        if (change.value() == null) {
            json.addNull("value");
        } else {
            json.add("value", change.value());
        }
        optional(json, "previousValue", change.previousValue());
        optional(json, "changedBy", change.changedBy());
        optional(
                json,
                "changedAt",
                change.changedAt() == null ? null : change.changedAt().toString());
        optional(json, "comment", change.comment());
        if (change.restoredVersion() != null) {
            json.add("restoredVersion", change.restoredVersion());
        }
        return json.build();
    }

    private static String scalar(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue().toPlainString();
            case TRUE -> "true";
            case FALSE -> "false";
            default -> throw DomainException.invalid("a setting's value is a string, number or boolean");
        };
    }
}
