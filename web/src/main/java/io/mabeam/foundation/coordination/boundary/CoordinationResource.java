package io.mabeam.foundation.coordination.boundary;

import io.mabeam.foundation.api.boundary.OptionalBody;
import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.cluster.entity.NodeProfile;
import io.mabeam.foundation.coordination.entity.LeaderTerm;
import io.mabeam.foundation.coordination.entity.LockLease;
import io.mabeam.foundation.coordination.entity.RoleLeadership;
import io.mabeam.foundation.coordination.entity.StaleFencingToken;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * Locks and fencing for clients outside the application. A lease holds a cluster lock between requests
 * and carries its fencing token; the client hands the token with each write to a fenced resource, which
 * refuses tokens older than one it has seen, so a client whose lease ran out cannot overwrite the work of
 * the next holder.
 */
@Path("v1/coordination")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class CoordinationResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    Locks locks;

    @EJB
    FencedResources fenced;

    @EJB
    Leadership leadership;

    @EJB
    Cluster cluster;

    /** What this node's coordination rests on: the members it sees, the quorum, how CP sessions are set. */
    @GET
    public String overview() {
        return JSON.createObjectBuilder()
                .add("node", cluster.nodeName())
                .add("members", cluster.membersOldestFirst().size())
                .add("quorum", cluster.quorum())
                .add("quorate", cluster.hasQuorum())
                .add("cpSessions", locks.sessionSettings())
                .add(
                        "rolesLed",
                        JSON.createArrayBuilder(leadership.roles().stream()
                                .map(RoleLeadership::role)
                                .filter(leadership::isLeading)
                                .toList()))
                .build()
                .toString();
    }

    /** Every role some member offers, with its current leader and epoch. */
    @GET
    @Path("leaders")
    public String leaders() {
        JsonArrayBuilder all = JSON.createArrayBuilder();
        leadership.roles().forEach(role -> all.add(object(role)));
        return all.build().toString();
    }

    @GET
    @Path("leaders/{role}")
    public String leader(@PathParam("role") String role) {
        if (!NodeProfile.ROLE.matcher(role).matches()) {
            throw DomainException.invalid("'" + role + "' is not a role name (lower-case words joined by hyphens)");
        }
        return object(leadership.role(role)).toString();
    }

    static JsonObject object(RoleLeadership role) {
        var object = JSON.createObjectBuilder()
                .add("role", role.role())
                .add("offeredBy", JSON.createArrayBuilder(role.offeredBy()));
        LeaderTerm term = role.term();
        if (term == null) {
            object.addNull("leader");
        } else {
            object.add(
                    "leader",
                    JSON.createObjectBuilder()
                            .add("node", term.nodeName())
                            .add("member", term.member())
                            .add("epoch", term.epoch())
                            .add("since", term.since().toString()));
        }
        return object.build();
    }

    @GET
    @Path("leases")
    public String leases() {
        JsonArrayBuilder all = JSON.createArrayBuilder();
        locks.leases().forEach(lease -> all.add(Locks.object(lease)));
        return all.build().toString();
    }

    /** Body {@code {"wait"?: "PT2S" (default PT0S), "ttl"?: "PT30S" (default)}}. */
    @POST
    @Path("locks/{name}/leases")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response lease(@PathParam("name") String name, @Valid LeaseRequest request) {
        LeaseRequest asked = request == null ? new LeaseRequest() : request;
        LockLease lease = locks.lease(
                name,
                asked.wait == null ? Duration.ZERO : asked.wait,
                asked.ttl == null ? LeaseRequest.DEFAULT_TTL : asked.ttl);
        return Response.status(201).entity(Locks.object(lease).toString()).build();
    }

    @DELETE
    @Path("leases/{id}")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response release(@PathParam("id") String id) {
        if (!locks.release(id)) {
            throw DomainException.notFound("no lease " + id + " is held (released, expired, or never granted)");
        }
        return Response.noContent().build();
    }

    @GET
    @Path("fences/{resource: .+}")
    public String seen(@PathParam("resource") String resource) {
        long token = fenced.seen(resource)
                .orElseThrow(() -> DomainException.notFound("resource '" + resource + "' has seen no fencing token"));
        return JSON.createObjectBuilder()
                .add("resource", resource)
                .add("token", token)
                .build()
                .toString();
    }

    /** Body {@code {"token": n}}: admitted when n is at least the highest token the resource has seen. */
    @PUT
    @Path("fences/{resource: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String guard(@PathParam("resource") String resource, @Valid Fence request) {
        if (request == null || request.token == null) {
            throw DomainException.invalid("the body carries the lock's \"token\", a whole number");
        }
        long token = request.token;
        try {
            fenced.guard(resource, token);
        } catch (StaleFencingToken stale) {
            throw DomainException.conflict(stale.getMessage());
        }
        return JSON.createObjectBuilder()
                .add("resource", resource)
                .add("token", token)
                .build()
                .toString();
    }

    /** {@code {"wait"?: "PT2S", "ttl"?: "PT30S"}}, or no body. */
    public static class LeaseRequest implements OptionalBody {
        static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

        public Duration wait = Duration.ZERO;
        public Duration ttl = DEFAULT_TTL;
    }

    /** {@code {"token": n}}, the fencing token of the lease the write is made under. */
    public static class Fence implements OptionalBody {
        public Long token;
    }
}
