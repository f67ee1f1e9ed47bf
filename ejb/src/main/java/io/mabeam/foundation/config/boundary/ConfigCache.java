package io.mabeam.foundation.config.boundary;

import io.mabeam.foundation.config.control.ConfigEvents;
import io.mabeam.foundation.config.entity.ConfigChange;
import io.mabeam.foundation.config.entity.ConfigSchema;
import io.mabeam.foundation.config.entity.ConfigSetting;
import io.mabeam.foundation.events.entity.RecordedEvent;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * This node's copy of every setting, read from the database at start and kept current by a subscription
 * to the config events on every node ({@link ConfigSubscription}), so a change anywhere reaches each node's readers within about a
 * second (the append wakes every node's subscriptions). It feeds {@link ConfigServerSource} and tells
 * registered listeners of each change.
 */
@Singleton
@Startup
@DependsOn({"Database", "Cluster"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ConfigCache {

    private static final Logger LOG = Logger.getLogger(ConfigCache.class.getName());

    @EJB
    ConfigServer server;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    private final Map<String, ConfigSchema> schemas = new ConcurrentHashMap<>();
    private final Map<String, String> stored = new ConcurrentHashMap<>();
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final List<Consumer<ConfigChange>> listeners = new CopyOnWriteArrayList<>();
    private volatile Duration lastDelay = Duration.ZERO;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        for (ConfigSchema schema : FoundationSettings.ALL) {
            declareBuiltIn(schema);
        }
        reload();
        metrics.gauge("mabeam.config.settings", () -> schemas.size());
    }

    private void declareBuiltIn(ConfigSchema schema) {
        try {
            server.declare(schema, true);
        } catch (RuntimeException raceWithAnotherNode) {
            LOG.log(Level.FINE, "Declaring " + schema.key() + " again after a race", raceWithAnotherNode);
            server.declare(schema, true);
        }
    }

    /** Reads every setting from the database again. */
    public void reload() {
        Map<String, String> values = new HashMap<>();
        for (ConfigSetting setting : server.settings()) {
            String key = setting.schema().key();
            schemas.put(key, setting.schema());
            versions.put(key, setting.entry().version());
            if (setting.entry().isSet()) {
                stored.put(key, setting.entry().value());
            } else {
                stored.remove(key);
            }
            if (setting.value() != null) {
                values.put(key, setting.value());
            }
        }
        ConfigServerSource.replaceAll(values);
    }

    /** Takes in config events in log order; called by {@link ConfigSubscription} on this node. */
    public void handle(List<RecordedEvent> events) {
        for (RecordedEvent event : events) {
            if (ConfigEvents.isDeclaration(event)) {
                ConfigSchema schema = ConfigEvents.schema(event);
                schemas.put(schema.key(), schema);
                apply(schema.key());
            } else if (ConfigEvents.isValueChange(event)) {
                ConfigChange change = ConfigEvents.change(event);
                if (change.version() <= versions.getOrDefault(change.key(), -1L)) {
                    continue; // delivered again, or older than what this node read at start
                }
                versions.put(change.key(), change.version());
                if (change.value() == null) {
                    stored.remove(change.key());
                } else {
                    stored.put(change.key(), change.value());
                }
                apply(change.key());
                lastDelay = Duration.between(event.recordedAt(), Instant.now());
                metrics.timer("mabeam.config.change.delay").update(lastDelay);
                metrics.counter("mabeam.config.changes").inc();
                for (Consumer<ConfigChange> listener : listeners) {
                    try {
                        listener.accept(change);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "A config change listener failed", e);
                    }
                }
            }
        }
    }

    private void apply(String key) {
        ConfigSchema schema = schemas.get(key);
        String value = stored.get(key);
        ConfigServerSource.put(key, value != null ? value : schema == null ? null : schema.defaultValue());
    }

    /** What this node holds for a setting now: its value or default; empty if it has none. */
    public Optional<String> value(String key) {
        return Optional.ofNullable(ConfigServerSource.current(key));
    }

    public int settingCount() {
        return schemas.size();
    }

    /** How long the last change took from its commit to this node's cache. */
    public Duration lastDelay() {
        return lastDelay;
    }

    /** Calls {@code listener} on this node for every change of any setting, after the cache has it. */
    public void addListener(Consumer<ConfigChange> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<ConfigChange> listener) {
        listeners.remove(listener);
    }
}
