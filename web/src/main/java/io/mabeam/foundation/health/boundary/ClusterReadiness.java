package io.mabeam.foundation.health.boundary;

import io.mabeam.foundation.cluster.boundary.Cluster;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while this node is a running member of the data grid (Hazelcast). */
@Readiness
@ApplicationScoped
public class ClusterReadiness implements HealthCheck {

    @EJB
    Cluster cluster;

    @Override
    public HealthCheckResponse call() {
        var node = cluster.node();
        return HealthCheckResponse.named("hazelcast")
                .status(node.clustered())
                .withData("clusterName", node.clusterName())
                .withData("members", node.members().size())
                .withData("node", node.name())
                .build();
    }
}
