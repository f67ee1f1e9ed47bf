package io.mabeam.bridge.boundary;

import io.mabeam.bridge.entity.PoolStats;
import io.mabeam.bridge.entity.PythonObjectiveSpec;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Python objectives over REST. Uploading one runs its code on every node that evaluates it, so only admins
 * may upload, replace or delete them; anyone signed in may read them. A study uses one as objective
 * {@code python:<name>}.
 */
@Path("v1/python-objectives")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class PythonObjectivesResource {

    @EJB
    PythonObjectives objectives;

    @EJB
    PythonBridge bridge;

    @GET
    public String list() {
        JsonArrayBuilder array = Json.createArrayBuilder();
        objectives.list().forEach(spec -> array.add(json(spec, false)));
        return Json.createObjectBuilder().add("objectives", array).build().toString();
    }

    @GET
    @Path("{name}")
    public String get(@PathParam("name") String name) {
        return json(objectives.get(name), true).build().toString();
    }

    /** An objective's module and how it runs; what each may be is checked by {@link PythonObjectives#save}. */
    public static class ObjectiveUpload {
        /** The Python module that defines the objective. */
        public String source;

        /** The function to call; {@code objective} when missing. */
        public String entry;

        public Integer timeoutSeconds;
        public Integer memoryMb;
        public Integer workers;
        public String description;
    }

    /**
     * {@code {"source": "def objective(trial): …", "entry"?: "objective", "timeoutSeconds"?: 600, "memoryMb"?:
     * 2048, "workers"?: 2, "description"?}}: 201 for a new objective, 200 for a new version of one.
     */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response save(@PathParam("name") String name, @NotNull ObjectiveUpload upload) {
        return saved(objectives.save(
                name,
                new PythonObjectives.Upload(
                        upload.source,
                        upload.entry,
                        upload.timeoutSeconds,
                        upload.memoryMb,
                        upload.workers,
                        upload.description)));
    }

    /** The body is the module itself ({@code text/x-python}); the settings take their defaults. */
    @PUT
    @Path("{name}")
    @Consumes({"text/x-python", MediaType.TEXT_PLAIN})
    @RolesAllowed(Role.ADMIN_NAME)
    public Response saveSource(@PathParam("name") String name, String source) {
        if (source == null || source.isBlank()) {
            throw DomainException.invalid("the body is the Python module that defines the objective; it was empty");
        }
        return saved(objectives.save(name, new PythonObjectives.Upload(source, null, null, null, null, null)));
    }

    private static Response saved(PythonObjectiveSpec spec) {
        String json = json(spec, false).build().toString();
        return spec.version() == 1
                ? Response.created(URI.create("v1/python-objectives/" + spec.name()))
                        .entity(json)
                        .build()
                : Response.ok(json).build();
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response delete(@PathParam("name") String name) {
        objectives.delete(name);
        return Response.noContent().build();
    }

    static JsonObjectBuilder json(PythonObjectiveSpec spec, boolean withSource) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("name", spec.name())
                .add("objective", spec.objectiveName())
                .add("version", spec.version())
                .add("sha256", spec.sha256())
                .add("entry", spec.entry())
                .add("timeoutSeconds", spec.timeoutSeconds())
                .add("memoryMb", spec.memoryMb())
                .add("workers", spec.workers())
                .add("description", spec.description())
                .add("createdBy", spec.createdBy())
                .add("createdAt", spec.createdAt().toString())
                .add("updatedAt", spec.updatedAt().toString());
        if (withSource) {
            json.add("source", spec.source());
        }
        return json;
    }

    static JsonObject json(PoolStats pool) {
        return Json.createObjectBuilder()
                .add("objective", PythonObjectiveSpec.PREFIX + pool.objective())
                .add("version", pool.version())
                .add("python", pool.python())
                .add("size", pool.size())
                .add("alive", pool.alive())
                .add("busy", pool.busy())
                .add("idle", pool.idle())
                .add("waiting", pool.waiting())
                .add("evaluations", pool.evaluations())
                .add("started", pool.started())
                .add("errors", pool.errors())
                .add("crashes", pool.crashes())
                .add("timeouts", pool.timeouts())
                .add("startFailures", pool.startFailures())
                .add("refused", pool.refused())
                .add("consecutiveFailures", pool.consecutiveFailures())
                .add("backoffMillis", pool.backoffMillis())
                .build();
    }
}
