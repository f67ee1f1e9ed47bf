package io.mabeam.foundation.security.boundary;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import io.mabeam.foundation.security.entity.UserAccount;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** User accounts; admins only. */
@Path("v1/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class UsersResource {

    /**
     * A user to create. A class, not a record: Payara's OpenAPI generator fails on Bean Validation
     * annotations of record components (6.2025.10).
     */
    public static class NewUser {
        @NotNull
        @Size(min = 2, max = 64)
        public String username;

        @NotNull
        @Size(max = 128)
        public String password;

        @NotNull
        @Size(min = 1, max = 3)
        public Set<String> roles;
    }

    public record UserView(String username, Set<String> roles, Instant createdAt) {
        static UserView of(UserAccount user) {
            return new UserView(
                    user.username(),
                    Set.copyOf(user.roles().stream().map(Role::roleName).toList()),
                    user.createdAt());
        }
    }

    @EJB
    Users users;

    @GET
    public List<UserView> all() {
        return users.all().stream().map(UserView::of).toList();
    }

    @GET
    @Path("{username}")
    public UserView one(@PathParam("username") String username) {
        return users.find(username)
                .map(UserView::of)
                .orElseThrow(() -> DomainException.notFound("no user '" + username + "'"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull NewUser user, @Context UriInfo uri) {
        UserAccount created = users.create(user.username, user.password, roles(user.roles));
        return Response.created(
                        uri.getAbsolutePathBuilder().path(created.username()).build())
                .entity(UserView.of(created))
                .build();
    }

    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("username") String username, @Context SecurityContext security) {
        if (security.getUserPrincipal().getName().equals(username)) {
            throw DomainException.conflict("you cannot delete yourself");
        }
        users.delete(username);
        return Response.noContent().build();
    }

    static Set<Role> roles(Set<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            roles.add(Role.of(name)
                    .orElseThrow(() ->
                            DomainException.invalid("unknown role '" + name + "'; roles are admin, operator, viewer")));
        }
        return roles;
    }
}
