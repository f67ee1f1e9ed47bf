package io.mabeam.foundation.tasks.boundary;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import io.mabeam.foundation.tasks.entity.TaskSpec;
import io.mabeam.foundation.tasks.entity.TaskState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The long-running tasks supervised on this node: their state, and a way to start a given-up one again. */
@Path("v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class TasksResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    TaskSupervisor supervisor;

    @GET
    public String tasks() {
        JsonArrayBuilder all = JSON.createArrayBuilder();
        supervisor.tasks().forEach(task -> all.add(json(task)));
        return all.build().toString();
    }

    @GET
    @Path("{name}")
    public String task(@PathParam("name") String name) {
        return json(supervisor.task(checked(name))).toString();
    }

    /** Starts a task again that was given up after too many restarts (or that ended). */
    @POST
    @Path("{name}/restarts")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String restart(@PathParam("name") String name) {
        return json(supervisor.restart(checked(name))).toString();
    }

    private static String checked(String name) {
        if (!TaskSpec.NAME.matcher(name).matches()) {
            throw DomainException.invalid("a task name is 1 to 100 lower-case letters, digits or . : _ -");
        }
        return name;
    }

    static JsonObject json(TaskState task) {
        var json = JSON.createObjectBuilder()
                .add("name", task.name())
                .add("strategy", task.strategy().name().toLowerCase())
                .add("status", task.status().name().toLowerCase())
                .add("restarts", task.restarts())
                .add("restartsInWindow", task.restartsInWindow());
        if (task.lastError() != null) {
            json.add("lastError", task.lastError());
        }
        if (task.startedAt() != null) {
            json.add("startedAt", task.startedAt().toString());
        }
        if (task.nextStartAt() != null) {
            json.add("nextStartAt", task.nextStartAt().toString());
        }
        return json.build();
    }
}
