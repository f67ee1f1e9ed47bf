package io.mabeam.improvement.boundary;

import static io.mabeam.foundation.api.boundary.JsonBodies.object;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import io.mabeam.improvement.control.ImprovementJson;
import io.mabeam.improvement.entity.CoderSettings;
import io.mabeam.improvement.entity.Improvement;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.Set;

/**
 * Changes proposed for studies: list and read them, and propose one without a coder agent (the same rules and
 * language model a coder uses, put to the same reviewers).
 */
@Path("v1/improvements")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class ImprovementsResource {

    static final Set<String> STATUSES = Set.of(
            Improvement.PROPOSED, Improvement.ACCEPTED, Improvement.REJECTED, Improvement.APPLIED, Improvement.FAILED);

    @EJB
    Improvements improvements;

    @GET
    public String list(
            @QueryParam("study") String study,
            @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw DomainException.invalid("status is one of " + new java.util.TreeSet<>(STATUSES));
        }
        if (limit < 1 || limit > 1000) {
            throw DomainException.invalid("limit is 1 to 1000");
        }
        JsonArrayBuilder array = Json.createArrayBuilder();
        improvements.list(study, status, limit).forEach(i -> array.add(ImprovementJson.improvement(i)));
        return Json.createObjectBuilder().add("improvements", array).build().toString();
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") String id) {
        return ImprovementJson.improvement(improvements.get(id)).toString();
    }

    /**
     * {@code {"study": …, "reviewers"?, "rule"?, "roundTimeout"?, "llm"?, "budget"?, "parallelism"?, "objective"?,
     * "trialTimeout"?}} → 201 with the improvement (its proposal is open), or 200 {@code {"proposed": false,
     * "reason"}} when the rules see nothing to change.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response propose(String body, @Context SecurityContext caller) {
        CoderSettings settings;
        try {
            settings = CoderSettings.of(object(body));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        String coder = "user:"
                + (caller.getUserPrincipal() == null
                        ? "anonymous"
                        : caller.getUserPrincipal().getName());
        JsonObject result = improvements.propose(coder, settings);
        if (!result.getBoolean("proposed")) {
            return Response.ok(result.toString()).build();
        }
        return Response.created(URI.create("v1/improvements/" + result.getString("id")))
                .entity(result.toString())
                .build();
    }
}
