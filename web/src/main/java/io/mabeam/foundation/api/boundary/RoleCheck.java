package io.mabeam.foundation.api.boundary;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on resource methods and classes.
 * Jakarta REST leaves this to the implementation; doing it here keeps the rule portable and makes a
 * missing role a 403 problem. A resource without any of them is refused: access is always declared.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class RoleCheck implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        if (method.isAnnotationPresent(DenyAll.class)) {
            throw new ForbiddenException();
        }
        if (method.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null) {
            Class<?> type = resource.getResourceClass();
            if (type.isAnnotationPresent(PermitAll.class)) {
                return;
            }
            roles = type.getAnnotation(RolesAllowed.class);
        }
        if (roles == null) {
            throw new ForbiddenException();
        }
        if (request.getSecurityContext().getUserPrincipal() == null) {
            throw new NotAuthorizedException("Basic realm=\"MABEAM\"");
        }
        boolean allowed = Arrays.stream(roles.value()).anyMatch(request.getSecurityContext()::isUserInRole);
        if (!allowed) {
            throw new ForbiddenException();
        }
    }
}
