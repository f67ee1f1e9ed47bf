package io.mabeam.foundation.cluster.boundary;

import io.mabeam.foundation.cluster.entity.ClusterMember;
import io.mabeam.foundation.cluster.entity.NodeInfo;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** This node and the members of its cluster. */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class NodeResource {

    @EJB
    Cluster cluster;

    @GET
    @Path("node")
    public NodeInfo node() {
        return cluster.node();
    }

    @GET
    @Path("cluster/members")
    public List<ClusterMember> members() {
        return cluster.members();
    }
}
