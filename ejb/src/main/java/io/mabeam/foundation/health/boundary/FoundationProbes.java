package io.mabeam.foundation.health.boundary;

import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.config.boundary.ConfigCache;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.events.boundary.SubscriptionRunner;
import io.mabeam.foundation.health.entity.ComponentHealth;
import io.mabeam.foundation.health.entity.ComponentHealth.Status;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.entity.DatabaseStatus;
import io.mabeam.foundation.registry.boundary.Registry;
import io.mabeam.foundation.resilience.boundary.Resilience;
import io.mabeam.foundation.tasks.boundary.TaskSupervisor;
import io.mabeam.foundation.tasks.entity.TaskState;
import io.mabeam.foundation.tasks.entity.TaskStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The probes of the Foundation's own components. The database and the event store are critical: without
 * them nothing can be recorded, so the node is unhealthy. The others make it degraded.
 */
@ApplicationScoped
public class FoundationProbes {

    @EJB
    Database database;

    @EJB
    Events events;

    @EJB
    Cluster cluster;

    @EJB
    SubscriptionRunner subscriptions;

    @EJB
    ConfigCache config;

    @EJB
    Registry registry;

    @EJB
    TaskSupervisor tasks;

    @Inject
    Resilience resilience;

    @Inject
    @ConfigProperty(name = "mabeam.health.max-heap-ratio", defaultValue = "0.95")
    Provider<Double> maxHeapRatio;

    @Produces
    HealthProbe database() {
        return guarded("database", true, () -> {
            DatabaseStatus status = database.status();
            return status.reachable()
                    ? new ComponentHealth("database", Status.UP, true, status.product() + " " + status.version())
                    : new ComponentHealth("database", Status.DOWN, true, status.error());
        });
    }

    @Produces
    HealthProbe eventStore() {
        return guarded("event-store", true, () -> {
            String problem = events.whyAppendsWouldFail();
            return problem == null
                    ? new ComponentHealth("event-store", Status.UP, true, "appends possible")
                    : new ComponentHealth("event-store", Status.DOWN, true, problem);
        });
    }

    @Produces
    HealthProbe cluster() {
        return guarded("cluster", false, () -> {
            if (!cluster.isClustered()) {
                return new ComponentHealth("cluster", Status.UP, false, "single node (no data grid)");
            }
            int members = cluster.members().size();
            return cluster.hasQuorum()
                    ? new ComponentHealth("cluster", Status.UP, false, members + " member(s)")
                    : new ComponentHealth(
                            "cluster",
                            Status.DEGRADED,
                            false,
                            members + " member(s), below the quorum of " + cluster.quorum()
                                    + ": no leadership, no fenced writes");
        });
    }

    @Produces
    HealthProbe outbound() {
        return guarded("outbound", false, () -> {
            List<String> open = resilience.breakers().stream()
                    .filter(b -> b.state().equals("open"))
                    .map(b -> b.name() + " " + b.state() + " (" + b.lastFailure() + ")")
                    .toList();
            return open.isEmpty()
                    ? new ComponentHealth("outbound", Status.UP, false, "circuit breakers closed")
                    : new ComponentHealth("outbound", Status.DEGRADED, false, String.join("; ", open));
        });
    }

    @Produces
    HealthProbe tasks() {
        return guarded("tasks", false, () -> {
            List<String> escalated = tasks.tasks().stream()
                    .filter(t -> t.status() == TaskStatus.ESCALATED)
                    .map(TaskState::name)
                    .toList();
            return escalated.isEmpty()
                    ? new ComponentHealth(
                            "tasks", Status.UP, false, tasks.tasks().size() + " supervised")
                    : new ComponentHealth("tasks", Status.DEGRADED, false, "given up: " + escalated);
        });
    }

    @Produces
    HealthProbe subscriptions() {
        return guarded("subscriptions", false, () -> {
            var failing = subscriptions.failing();
            return failing.isEmpty()
                    ? new ComponentHealth(
                            "subscriptions",
                            Status.UP,
                            false,
                            subscriptions.served().size() + " served here")
                    : new ComponentHealth("subscriptions", Status.DEGRADED, false, "failing: " + failing);
        });
    }

    @Produces
    HealthProbe config() {
        return guarded(
                "config",
                false,
                () -> config.settingCount() > 0
                        ? new ComponentHealth("config", Status.UP, false, config.settingCount() + " settings cached")
                        : new ComponentHealth("config", Status.DOWN, false, "no settings cached"));
    }

    @Produces
    HealthProbe registry() {
        return guarded(
                "registry",
                false,
                () -> new ComponentHealth("registry", Status.UP, false, registry.size() + " entries"));
    }

    @Produces
    HealthProbe heap() {
        return guarded("heap", false, () -> {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
            double ratio = (double) heap.getUsed() / max;
            String detail = Math.round(ratio * 100) + "% of " + (max >> 20) + " MiB in use";
            return ratio < maxHeapRatio.get()
                    ? new ComponentHealth("heap", Status.UP, false, detail)
                    : new ComponentHealth("heap", Status.DOWN, false, detail);
        });
    }

    /** A probe that answers DOWN with the failure instead of throwing. */
    static HealthProbe guarded(String component, boolean critical, Supplier<ComponentHealth> probe) {
        return () -> {
            try {
                return probe.get();
            } catch (RuntimeException e) {
                return new ComponentHealth(component, Status.DOWN, critical, String.valueOf(e.getMessage()));
            }
        };
    }
}
