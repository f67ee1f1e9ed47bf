package io.mabeam.foundation.ratelimits.boundary;

import io.mabeam.foundation.api.boundary.ProblemResponses;
import io.mabeam.foundation.ratelimits.entity.RateDecision;
import io.mabeam.foundation.ratelimits.entity.RouteClass;
import io.mabeam.foundation.security.control.TokenSecrets;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;

/**
 * Limits the rate of every client's API requests: beyond its bucket a request is answered 429 with
 * {@code Retry-After} and a problem, before any work is done; answers within it carry
 * {@code RateLimit-Limit} and {@code RateLimit-Remaining}. A client is its API token when it sends one
 * (identified by its hash, never the secret), else its user, else its address. Administrators changing
 * settings are never limited, so a limit set too low can always be raised.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 100)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String DECISION = "mabeam.ratelimit.decision";

    @EJB
    RateLimits limits;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext().isUserInRole(Role.ADMIN_NAME)
                && request.getUriInfo().getPath().startsWith("v1/config")) {
            return; // an administrator can always change the limits, even when a limit set too low holds them
        }
        RateDecision decision = limits.decide(client(request), RouteClass.of(request.getMethod()));
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            request.abortWith(Response.fromResponse(ProblemResponses.response(
                            429,
                            "Too many requests",
                            "this client may make " + decision.limit() + " "
                                    + decision.routeClass().label() + " requests a minute; try again in "
                                    + decision.retryAfterSeconds() + " s",
                            "/api/" + request.getUriInfo().getPath()))
                    .header(HttpHeaders.RETRY_AFTER, decision.retryAfterSeconds())
                    .header("RateLimit-Limit", decision.limit())
                    .header("RateLimit-Remaining", 0)
                    .build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateDecision decision
                && decision.allowed()
                && decision.limit() > 0) {
            response.getHeaders().putSingle("RateLimit-Limit", decision.limit());
            response.getHeaders().putSingle("RateLimit-Remaining", decision.remaining());
        }
    }

    private String client(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String secret = authorization.substring(7).trim();
            if (TokenSecrets.looksLikeSecret(secret)) {
                return "token:" + TokenSecrets.hash(secret).substring(0, 16);
            }
        }
        Principal caller = request.getSecurityContext().getUserPrincipal();
        if (caller != null) {
            return "user:" + caller.getName();
        }
        return "address:" + (servletRequest == null ? "unknown" : servletRequest.getRemoteAddr());
    }
}
