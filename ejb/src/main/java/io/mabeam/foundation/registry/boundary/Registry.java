package io.mabeam.foundation.registry.boundary;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.registry.control.RegistryJson;
import io.mabeam.foundation.registry.entity.RegistryChange;
import io.mabeam.foundation.registry.entity.RegistryEntry;
import io.mabeam.foundation.registry.entity.ServiceHealth;
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
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The cluster-wide registry of named processes and services, one data-grid map per namespace holding
 * each entry as JSON. An entry belongs to the member that registered it: when that member stops, or
 * leaves the cluster in any way (a crash included), the entries it owned are removed by exactly one of
 * the members left (a conditional remove decides which), which records the removal as an event and
 * tells dependents. Every change is an event in stream {@code registry:<namespace>} and reaches the
 * watchers on every node.
 */
@Singleton
@Startup
@DependsOn({"Database", "Cluster"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Registry {

    public static final String PRODUCTION = "production";
    static final String MAP_PREFIX = "mabeam.registry.ns.";
    static final String NAMESPACES = "mabeam.registry.namespaces";
    static final String CHANGES = "mabeam.registry.changes";
    static final String STREAM_PREFIX = "registry:";
    private static final Logger LOG = Logger.getLogger(Registry.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance hazelcast;

    @EJB
    Cluster cluster;

    @EJB
    Events events;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    private final Map<String, List<Consumer<RegistryChange>>> watchers = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentMap<String, String>> localMaps = new ConcurrentHashMap<>();
    private final Map<String, String> localNamespaces = new ConcurrentHashMap<>();
    private ITopic<String> changes;
    private UUID membershipRegistration;
    private UUID changesRegistration;
    private String self = "local";

    @PostConstruct
    void start() {
        if (cluster.isClustered()) {
            self = hazelcast.getCluster().getLocalMember().getUuid().toString();
            changes = hazelcast.getTopic(CHANGES);
            changesRegistration =
                    changes.addMessageListener(message -> executor.submit(() -> hear(message.getMessageObject())));
            membershipRegistration = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent event) {
                    // a new member owns nothing yet
                }

                @Override
                public void memberRemoved(MembershipEvent event) {
                    String gone = event.getMember().getUuid().toString();
                    executor.submit(() -> removeOwnedBy(gone, "owner-left"));
                }
            });
            // entries of members that left while none of the others were listening (before this start)
            Set<String> present = new java.util.HashSet<>();
            hazelcast
                    .getCluster()
                    .getMembers()
                    .forEach(m -> present.add(m.getUuid().toString()));
            executor.submit(() -> removeOrphans(present));
        }
        metrics.gauge("mabeam.registry.entries", this::size);
    }

    @PreDestroy
    void stop() {
        try {
            removeOwnedBy(self, "owner-stopped");
            if (cluster.isClustered()) {
                hazelcast.getCluster().removeMembershipListener(membershipRegistration);
                changes.removeMessageListener(changesRegistration);
            }
        } catch (RuntimeException gridGone) {
            LOG.log(
                    Level.FINE,
                    "Data grid gone before the registry withdrew; the other members remove our entries",
                    gridGone);
        }
    }

    /**
     * Registers a name in a namespace, owned by this member.
     *
     * @throws DomainException 409 when the name is taken in that namespace, 400 for invalid input
     */
    public RegistryEntry register(
            String namespace,
            String name,
            RegistryEntry.Kind kind,
            Map<String, String> metadata,
            List<String> dependencies,
            ServiceHealth health) {
        RegistryEntry entry;
        try {
            entry = new RegistryEntry(
                    namespace, name, kind, self, cluster.nodeName(), metadata, dependencies, health, Instant.now());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        String json = RegistryJson.write(entry);
        namespaces().putIfAbsent(namespace, Instant.now().toString());
        String existing = map(namespace).putIfAbsent(name, json);
        if (existing != null) {
            RegistryEntry holder = RegistryJson.read(existing);
            throw DomainException.conflict("'" + name + "' is already registered in " + namespace + " (by node "
                    + holder.ownerNode() + " since " + holder.registeredAt() + ")");
        }
        try {
            events.record(STREAM_PREFIX + namespace, "RegistryEntryRegistered", RegistryJson.object(entry));
        } catch (RuntimeException e) {
            map(namespace).remove(name, json);
            throw e;
        }
        announce(new RegistryChange(RegistryChange.Type.REGISTERED, entry, null, null));
        return entry;
    }

    /** Sets a service's health; going down tells its dependents. */
    public RegistryEntry reportHealth(String namespace, String name, ServiceHealth health) {
        ConcurrentMap<String, String> map = map(namespace);
        while (true) {
            String current = map.get(name);
            if (current == null) {
                throw DomainException.notFound("nothing named '" + name + "' in " + namespace);
            }
            RegistryEntry before = RegistryJson.read(current);
            if (before.health() == health) {
                return before;
            }
            RegistryEntry after = before.withHealth(health);
            if (map.replace(name, current, RegistryJson.write(after))) {
                events.record(
                        STREAM_PREFIX + namespace,
                        "ServiceHealthChanged",
                        JSON.createObjectBuilder()
                                .add("name", name)
                                .add("from", before.health().name())
                                .add("to", health.name())
                                .build());
                announce(new RegistryChange(RegistryChange.Type.HEALTH_CHANGED, after, null, null));
                if (health == ServiceHealth.DOWN) {
                    tellDependents(namespace, name, "down");
                }
                return after;
            }
        }
    }

    /** Removes an entry, whoever owns it. */
    public void unregister(String namespace, String name) {
        String current = map(namespace).get(name);
        if (current == null || !remove(namespace, name, current, "unregistered")) {
            throw DomainException.notFound("nothing named '" + name + "' in " + namespace);
        }
    }

    public Optional<RegistryEntry> lookup(String namespace, String name) {
        return Optional.ofNullable(map(namespace).get(name)).map(RegistryJson::read);
    }

    /** Entries of a namespace, of a kind (null: any) whose metadata has every given field; by name. */
    public List<RegistryEntry> find(String namespace, RegistryEntry.Kind kind, Map<String, String> metadata) {
        List<RegistryEntry> found = new ArrayList<>();
        for (String json : map(namespace).values()) {
            RegistryEntry entry = RegistryJson.read(json);
            if ((kind == null || entry.kind() == kind) && entry.matches(metadata)) {
                found.add(entry);
            }
        }
        found.sort(Comparator.comparing(RegistryEntry::name));
        return found;
    }

    /** The dependencies of a service that are not registered, or are down. */
    public List<String> unmetDependencies(RegistryEntry service) {
        List<String> unmet = new ArrayList<>();
        for (String dependency : service.dependencies()) {
            Optional<RegistryEntry> found = lookup(service.namespace(), dependency);
            if (found.isEmpty() || found.get().health() == ServiceHealth.DOWN) {
                unmet.add(dependency);
            }
        }
        return unmet;
    }

    /** Namespaces with their number of entries. */
    public Map<String, Integer> namespaceSizes() {
        Map<String, Integer> sizes = new TreeMap<>();
        for (String namespace : namespaces().keySet()) {
            sizes.put(namespace, map(namespace).size());
        }
        return sizes;
    }

    /** Calls {@code watcher} on this node for each change in the namespace, made on any node; answers how to stop. */
    public Runnable watch(String namespace, Consumer<RegistryChange> watcher) {
        if (!RegistryEntry.NAMESPACE.matcher(namespace == null ? "" : namespace).matches()) {
            throw DomainException.invalid("a namespace is 1 to 50 lower-case letters, digits or dashes");
        }
        watchers.computeIfAbsent(namespace, n -> new CopyOnWriteArrayList<>()).add(watcher);
        return () -> watchers.getOrDefault(namespace, List.of()).remove(watcher);
    }

    public int size() {
        int size = 0;
        for (String namespace : namespaces().keySet()) {
            size += map(namespace).size();
        }
        return size;
    }

    /** Removes every entry the member owned, once cluster-wide; the member that wins each remove records it. */
    void removeOwnedBy(String member, String reason) {
        for (String namespace : namespaces().keySet()) {
            for (Map.Entry<String, String> entry : map(namespace).entrySet()) {
                if (RegistryJson.read(entry.getValue()).ownerMember().equals(member)) {
                    remove(namespace, entry.getKey(), entry.getValue(), reason);
                }
            }
        }
    }

    private void removeOrphans(Set<String> presentMembers) {
        try {
            for (String namespace : namespaces().keySet()) {
                for (Map.Entry<String, String> entry : map(namespace).entrySet()) {
                    if (!presentMembers.contains(
                            RegistryJson.read(entry.getValue()).ownerMember())) {
                        remove(namespace, entry.getKey(), entry.getValue(), "owner-left");
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not clear the entries of members that left", e);
        }
    }

    private boolean remove(String namespace, String name, String json, String reason) {
        if (!map(namespace).remove(name, json)) {
            return false; // another member removed it first, and recorded it
        }
        RegistryEntry entry = RegistryJson.read(json);
        try {
            events.record(
                    STREAM_PREFIX + namespace,
                    "RegistryEntryRemoved",
                    JSON.createObjectBuilder()
                            .add("name", name)
                            .add("kind", entry.kind().name())
                            .add("ownerNode", entry.ownerNode())
                            .add("reason", reason)
                            .build());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Removed " + name + " from " + namespace + " but could not record it", e);
        }
        announce(new RegistryChange(RegistryChange.Type.REMOVED, entry, null, reason));
        tellDependents(namespace, name, reason);
        return true;
    }

    private void tellDependents(String namespace, String dependency, String reason) {
        for (RegistryEntry dependent : find(namespace, RegistryEntry.Kind.SERVICE, Map.of())) {
            if (dependent.dependencies().contains(dependency)) {
                try {
                    events.record(
                            STREAM_PREFIX + namespace,
                            "ServiceDependencyLost",
                            JSON.createObjectBuilder()
                                    .add("service", dependent.name())
                                    .add("dependency", dependency)
                                    .add("reason", reason)
                                    .build());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not record that " + dependent.name() + " lost " + dependency, e);
                }
                announce(new RegistryChange(RegistryChange.Type.DEPENDENCY_LOST, dependent, dependency, reason));
            }
        }
    }

    /** Every node's watchers hear of the change: through the data grid's topic, or directly without one. */
    private void announce(RegistryChange change) {
        var message = JSON.createObjectBuilder()
                .add("type", change.type().name())
                .add("entry", RegistryJson.object(change.entry()));
        if (change.about() != null) {
            message.add("about", change.about());
        }
        if (change.reason() != null) {
            message.add("reason", change.reason());
        }
        if (changes != null) {
            changes.publish(message.build().toString());
        } else {
            hear(message.build().toString());
        }
    }

    private void hear(String message) {
        JsonObject json = JSON.createReader(new StringReader(message)).readObject();
        RegistryEntry entry = RegistryJson.read(json.getJsonObject("entry").toString());
        RegistryChange change = new RegistryChange(
                RegistryChange.Type.valueOf(json.getString("type")),
                entry,
                json.getString("about", null),
                json.getString("reason", null));
        for (Consumer<RegistryChange> watcher : watchers.getOrDefault(entry.namespace(), List.of())) {
            try {
                watcher.accept(change);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "A registry watcher failed", e);
            }
        }
    }

    private ConcurrentMap<String, String> map(String namespace) {
        if (namespace == null || !RegistryEntry.NAMESPACE.matcher(namespace).matches()) {
            throw DomainException.invalid("a namespace is 1 to 50 lower-case letters, digits or dashes");
        }
        return cluster.isClustered()
                ? hazelcast.getMap(MAP_PREFIX + namespace)
                : localMaps.computeIfAbsent(namespace, n -> new ConcurrentHashMap<>());
    }

    private Map<String, String> namespaces() {
        return cluster.isClustered() ? hazelcast.getMap(NAMESPACES) : localNamespaces;
    }
}
