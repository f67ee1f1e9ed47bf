package io.mabeam.bridge.boundary;

import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** This node's Python bridge: the interpreter and the worker pool of each Python objective in use here. */
@Path("v1/python-bridge")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class PythonBridgeResource {

    @EJB
    PythonBridge bridge;

    @GET
    public String status() {
        PythonBridge.Interpreter interpreter = bridge.interpreter();
        JsonArrayBuilder pools = Json.createArrayBuilder();
        bridge.pools().forEach(pool -> pools.add(PythonObjectivesResource.json(pool)));
        return Json.createObjectBuilder()
                .add(
                        "interpreter",
                        Json.createObjectBuilder()
                                .add("command", interpreter.command())
                                .add("usable", interpreter.usable())
                                .add("version", interpreter.version())
                                .add("detail", interpreter.detail()))
                .add("pools", pools)
                .build()
                .toString();
    }
}
