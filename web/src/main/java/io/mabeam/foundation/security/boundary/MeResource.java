package io.mabeam.foundation.security.boundary;

import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Arrays;
import java.util.List;

/** Who the caller is, as the server sees it. */
@Path("v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class MeResource {

    public record Me(String name, List<String> roles) {}

    @GET
    public Me me(@Context SecurityContext security) {
        List<String> roles = Arrays.stream(Role.values())
                .map(Role::roleName)
                .filter(security::isUserInRole)
                .toList();
        return new Me(security.getUserPrincipal().getName(), roles);
    }
}
