package io.mabeam.foundation.cluster.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Cluster figures for {@code /metrics}, registered when the application starts (an annotated gauge
 * would appear only after its bean is first used).
 */
@ApplicationScoped
public class ClusterMetrics {

    @EJB
    Cluster cluster;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        metrics.gauge(
                Metadata.builder()
                        .withName("mabeam.cluster.members")
                        .withDescription("Members of the data grid seen by this node")
                        .withUnit(MetricUnits.NONE)
                        .build(),
                cluster,
                c -> c.members().size());
    }
}
