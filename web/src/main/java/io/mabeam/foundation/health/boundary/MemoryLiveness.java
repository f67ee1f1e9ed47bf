package io.mabeam.foundation.health.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the heap, measured after the last collections, stays below a configurable share of its maximum. */
@Liveness
@ApplicationScoped
public class MemoryLiveness implements HealthCheck {

    @Inject
    @ConfigProperty(name = "mabeam.health.max-heap-ratio", defaultValue = "0.95")
    jakarta.inject.Provider<Double> maxHeapRatioSetting;

    @Override
    public HealthCheckResponse call() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        double ratio = (double) heap.getUsed() / max;
        double maxHeapRatio = maxHeapRatioSetting.get();
        return HealthCheckResponse.named("heap")
                .status(ratio < maxHeapRatio)
                .withData("usedBytes", heap.getUsed())
                .withData("maxBytes", max)
                .withData("maxHeapRatio", Double.toString(maxHeapRatio))
                .build();
    }
}
