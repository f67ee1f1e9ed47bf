package io.mabeam.foundation.health.boundary;

import io.mabeam.foundation.cluster.boundary.Cluster;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while this node is a running member of the data grid (Hazelcast) and sees the quorum: a node cut
 * off on the minority side of a partition is taken out of the load balancer, as it acts for no one.
 */
@Readiness
@ApplicationScoped
public class ClusterReadiness implements HealthCheck {

    @EJB
    Cluster cluster;

    @Override
    public HealthCheckResponse call() {
        var node = cluster.node();
        return HealthCheckResponse.named("hazelcast")
                .status(node.clustered() && node.members().size() >= cluster.quorum())
                .withData("clusterName", node.clusterName())
                .withData("members", node.members().size())
                .withData("quorum", cluster.quorum())
                .withData("node", node.name())
                .build();
    }
}
