package io.mabeam.foundation.security.boundary;

import io.mabeam.foundation.security.entity.ApiToken;
import io.mabeam.foundation.security.entity.IssuedToken;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Bearer API tokens: admins issue them for any user and revoke them. The secret is returned once. */
@Path("v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class ApiTokensResource {

    /** A token to issue; a class for the reason given at {@link UsersResource.NewUser}. */
    public static class TokenRequest {
        @NotNull
        @Size(min = 1, max = 100)
        public String name;

        @Size(max = 64)
        public String owner;

        @Min(1)
        @Max(3650)
        public Integer lifetimeDays;
    }

    public record TokenView(
            String id,
            String name,
            String owner,
            String createdBy,
            Instant createdAt,
            Instant expiresAt,
            Instant revokedAt) {
        static TokenView of(ApiToken token) {
            return new TokenView(
                    token.id(),
                    token.name(),
                    token.owner(),
                    token.createdBy(),
                    token.createdAt(),
                    token.expiresAt(),
                    token.revokedAt());
        }
    }

    @EJB
    ApiTokens tokens;

    @GET
    public List<TokenView> all() {
        return tokens.all().stream().map(TokenView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(
            @Valid @NotNull TokenRequest request, @Context SecurityContext security, @Context UriInfo uri) {
        String caller = security.getUserPrincipal().getName();
        String owner = request.owner == null || request.owner.isBlank() ? caller : request.owner;
        Duration lifetime = request.lifetimeDays == null ? null : Duration.ofDays(request.lifetimeDays);
        IssuedToken issued = tokens.issue(owner, request.name, lifetime, caller);
        return Response.created(uri.getAbsolutePathBuilder().path(issued.id()).build())
                .entity(issued)
                .build();
    }

    @DELETE
    @Path("{id}")
    public TokenView revoke(@PathParam("id") String id) {
        return TokenView.of(tokens.revoke(id));
    }
}
