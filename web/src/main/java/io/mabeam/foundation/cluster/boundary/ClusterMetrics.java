package io.mabeam.foundation.cluster.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/** Cluster figures for {@code /metrics}: how many members this node sees. */
@ApplicationScoped
public class ClusterMetrics {

    @EJB
    Cluster cluster;

    @Gauge(
            name = "mabeam.cluster.members",
            absolute = true,
            unit = MetricUnits.NONE,
            description = "Members of the data grid seen by this node")
    public long members() {
        return cluster.members().size();
    }
}
