package io.mabeam.foundation.health.boundary;

import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.events.entity.RecordedEvent;
import io.mabeam.foundation.health.entity.ComponentHealth;
import io.mabeam.foundation.health.entity.NodeHealth;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Probes every component of this node at an interval set by {@code mabeam.health.monitor.interval} and
 * aggregates them into healthy, degraded or unhealthy. Each change of the level is appended to stream
 * {@code health:<node>} as a {@code NodeHealthChanged} event; a change that cannot be recorded (the
 * database being what is down) is kept and recorded as soon as the event store takes it again.
 */
@Singleton
@Startup
@DependsOn({"Database", "Cluster", "SubscriptionRunner", "ConfigCache", "Registry"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthMonitor {

    public static final String STREAM_PREFIX = "health:";
    public static final String CHANGED = "NodeHealthChanged";
    private static final Logger LOG = Logger.getLogger(HealthMonitor.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    @Any
    Instance<HealthProbe> probes;

    @EJB
    Events events;

    @EJB
    Cluster cluster;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    @ConfigProperty(name = "mabeam.health.monitor.interval", defaultValue = "PT5S")
    Provider<String> interval;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    private volatile NodeHealth current;
    private volatile NodeHealth.Level recorded;
    private final List<NodeHealth> unrecorded = new ArrayList<>();
    private volatile boolean stopping;
    private ScheduledFuture<?> next;

    @PostConstruct
    void start() {
        check();
        metrics.gauge("mabeam.health.level", () -> current.level().ordinal());
        for (ComponentHealth component : current.components()) {
            metrics.gauge(
                    "mabeam.health.component.up",
                    () -> current.components().stream()
                            .filter(c -> c.component().equals(component.component()))
                            .findFirst()
                            .map(c -> c.status() == ComponentHealth.Status.UP ? 1 : 0)
                            .orElse(0),
                    new Tag("component", component.component()));
        }
        schedule();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    /** The latest aggregate, at most one interval old. */
    public NodeHealth current() {
        return current;
    }

    /** Probes every component now and records a change of level. */
    public synchronized NodeHealth check() {
        List<ComponentHealth> components = new ArrayList<>();
        for (HealthProbe probe : probes) {
            components.add(probe.probe());
        }
        components.sort(Comparator.comparing(ComponentHealth::component));
        NodeHealth health = new NodeHealth(
                cluster.nodeName(), NodeHealth.aggregate(components), List.copyOf(components), Instant.now());
        NodeHealth.Level before = current == null ? null : current.level();
        current = health;
        if (health.level() != before) {
            unrecorded.add(health);
            if (before != null) {
                LOG.log(
                        health.level() == NodeHealth.Level.HEALTHY ? Level.INFO : Level.WARNING,
                        () -> "Node health " + before + " -> " + health.level() + ": " + health.components());
            }
        }
        recordPending();
        return health;
    }

    /** The node's recorded changes of level, newest first. */
    public List<RecordedEvent> history(String node, int limit) {
        String stream = STREAM_PREFIX + node;
        long last = events.version(stream);
        return last < 0 ? List.of() : events.readStream(stream, last, false, limit);
    }

    private void recordPending() {
        while (!unrecorded.isEmpty()) {
            NodeHealth health = unrecorded.get(0);
            try {
                events.record(STREAM_PREFIX + health.node(), CHANGED, payload(health));
                recorded = health.level();
                unrecorded.remove(0);
            } catch (RuntimeException eventStoreDown) {
                LOG.log(Level.FINE, "Health change kept until the event store takes it", eventStoreDown);
                return;
            }
        }
    }

    /** Each component of a node's health as JSON, as events and the REST API carry it. */
    public static jakarta.json.JsonArray components(NodeHealth health) {
        JsonArrayBuilder components = JSON.createArrayBuilder();
        for (ComponentHealth component : health.components()) {
            components.add(JSON.createObjectBuilder()
                    .add("component", component.component())
                    .add("status", component.status().name())
                    .add("critical", component.critical())
                    .add("detail", component.detail() == null ? "" : component.detail()));
        }
        return components.build();
    }

    private String payload(NodeHealth health) {
        var json = JSON.createObjectBuilder()
                .add("node", health.node())
                .add("level", health.level().name())
                .add("observedAt", health.checkedAt().toString())
                .add("components", components(health));
        if (recorded != null) {
            json.add("previousLevel", recorded.name());
        }
        return json.build().toString();
    }

    private void schedule() {
        if (stopping) {
            return;
        }
        long millis;
        try {
            millis = Math.max(200, Duration.parse(interval.get()).toMillis());
        } catch (RuntimeException unreadable) {
            millis = 5000;
        }
        next = executor.schedule(
                () -> {
                    try {
                        check();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Health check round failed", e);
                    } finally {
                        schedule();
                    }
                },
                millis,
                TimeUnit.MILLISECONDS);
    }
}
