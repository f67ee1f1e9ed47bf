package io.mabeam.foundation.coordination.boundary;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.lock.FencedLock;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.cluster.entity.ClusterMember;
import io.mabeam.foundation.cluster.entity.TopologyChange;
import io.mabeam.foundation.coordination.control.CpSessions;
import io.mabeam.foundation.coordination.entity.LockLease;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.problems.DomainException;
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
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cluster-wide locks with fencing tokens, on Hazelcast's {@link FencedLock}. In-process work runs under
 * {@link #withLock}; a client of the REST API holds a lock between requests with a lease, for which this
 * node keeps a thread that took the lock and gives it back on release or expiry (a {@code FencedLock}
 * belongs to the thread that took it). Leases are visible cluster-wide and can be released through any
 * node. If the holding member dies, Hazelcast frees its locks when its CP session expires, seconds later
 * ({@link CpSessions}). Every lease granted, released or expired
 * is an event in stream {@code coordination:locks}.
 */
@Singleton
@Startup
@DependsOn({"Database", "Cluster"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Locks {

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    public static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
    public static final Duration LONGEST_LEASE = Duration.ofHours(1);
    public static final int MOST_LEASES_PER_NODE = 200;
    static final String LEASES = "mabeam.coordination.leases";
    static final String RELEASES = "mabeam.coordination.lease-releases";
    static final String STREAM = "coordination:locks";
    private static final Logger LOG = Logger.getLogger(Locks.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance hazelcast;

    @Resource
    ManagedThreadFactory threads;

    @EJB
    Cluster cluster;

    @EJB
    Events events;

    @Inject
    @ConfigProperty(name = "mabeam.coordination.cp-session-ttl", defaultValue = "PT10S")
    String sessionTtl;

    @Inject
    @ConfigProperty(name = "mabeam.coordination.cp-session-heartbeat", defaultValue = "PT2S")
    String sessionHeartbeat;

    private final Map<String, CountDownLatch> heldHere = new ConcurrentHashMap<>();
    private volatile String sessionSettings = "Hazelcast defaults";
    private ITopic<String> releases;
    private UUID releaseListener;

    @PostConstruct
    void start() {
        if (!cluster.isClustered()) {
            LOG.warning("No data grid: cluster locks are unavailable on this node");
            return;
        }
        CpSessions.tune(hazelcast, Duration.parse(sessionTtl), Duration.parse(sessionHeartbeat))
                .ifPresent(live -> sessionSettings = "time-to-live " + live.getSessionTimeToLiveSeconds()
                        + " s, heartbeat " + live.getSessionHeartbeatIntervalSeconds() + " s");
        releases = hazelcast.getTopic(RELEASES);
        releaseListener = releases.addMessageListener(message -> {
            CountDownLatch held = heldHere.get(message.getMessageObject());
            if (held != null) {
                held.countDown();
            }
        });
    }

    @PreDestroy
    void stop() {
        heldHere.values().forEach(CountDownLatch::countDown);
        if (releases != null) {
            try {
                releases.removeMessageListener(releaseListener);
            } catch (RuntimeException gridGone) {
                LOG.fine(() -> "Data grid gone before the locks stopped: " + gridGone);
            }
        }
    }

    /**
     * Runs {@code work} holding the lock, handing it the fencing token of this holding.
     *
     * @throws DomainException 409 when the lock is not free within {@code wait}
     */
    public <T> T withLock(String name, Duration wait, LongFunction<T> work) {
        FencedLock lock = lock(name, wait);
        long fence = lock.tryLockAndGetFence(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (fence == FencedLock.INVALID_FENCE) {
            throw busy(name, wait);
        }
        try {
            return work.apply(fence);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the lock for a client until it releases the lease or {@code ttl} passes.
     *
     * @throws DomainException 409 when the lock is not free within {@code wait}; 400 for bad input; 503 when this
     *     node holds as many leases as it may
     */
    public LockLease lease(String name, Duration wait, Duration ttl) {
        FencedLock lock = lock(name, wait);
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(LONGEST_LEASE) > 0) {
            throw DomainException.invalid("a lease lasts more than nothing and at most " + LONGEST_LEASE);
        }
        if (heldHere.size() >= MOST_LEASES_PER_NODE) {
            throw new DomainException(
                    DomainException.Reason.UNAVAILABLE,
                    "Service Unavailable",
                    "this node holds " + MOST_LEASES_PER_NODE + " leases already");
        }
        String id = UUID.randomUUID().toString();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<LockLease> granted = new CompletableFuture<>();
        Thread holder = threads.newThread(() -> hold(lock, name, id, wait, ttl, release, granted));
        holder.setName("mabeam-lease-" + name);
        holder.start();
        try {
            return granted.get(wait.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DomainException problem) {
                throw problem;
            }
            throw new IllegalStateException("taking lock " + name + " failed", e.getCause());
        } catch (TimeoutException e) {
            release.countDown();
            throw busy(name, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release.countDown();
            throw new IllegalStateException("interrupted while taking lock " + name, e);
        }
    }

    private void hold(
            FencedLock lock,
            String name,
            String id,
            Duration wait,
            Duration ttl,
            CountDownLatch release,
            CompletableFuture<LockLease> granted) {
        long fence;
        try {
            fence = lock.tryLockAndGetFence(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            granted.completeExceptionally(e);
            return;
        }
        if (fence == FencedLock.INVALID_FENCE) {
            granted.completeExceptionally(busy(name, wait));
            return;
        }
        Instant now = Instant.now();
        LockLease lease = new LockLease(id, name, fence, cluster.nodeName(), now, now.plus(ttl));
        String outcome = "released";
        try {
            heldHere.put(id, release);
            hazelcast.<String, String>getMap(LEASES).put(id, json(lease), ttl.toMillis(), TimeUnit.MILLISECONDS);
            record("LockLeaseGranted", lease, null);
            granted.complete(lease);
            if (!release.await(ttl.toMillis(), TimeUnit.MILLISECONDS)) {
                outcome = "expired";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        } catch (RuntimeException e) {
            granted.completeExceptionally(e);
            outcome = "failed";
        } finally {
            heldHere.remove(id);
            try {
                lock.unlock();
                hazelcast.<String, String>getMap(LEASES).remove(id);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Lock " + name + " was already gone when lease " + id + " ended", e);
            }
            if (granted.isDone() && !granted.isCompletedExceptionally()) {
                try {
                    record(outcome.equals("expired") ? "LockLeaseExpired" : "LockLeaseReleased", lease, outcome);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not record the end of lease " + id, e);
                }
            }
        }
    }

    /** Ends a lease, on whichever node holds it; answers whether it existed. */
    public boolean release(String leaseId) {
        if (!cluster.isClustered() || !hazelcast.getMap(LEASES).containsKey(leaseId)) {
            return false;
        }
        CountDownLatch here = heldHere.get(leaseId);
        if (here != null) {
            here.countDown();
        } else {
            releases.publish(leaseId);
        }
        for (int i = 0; i < 100 && hazelcast.getMap(LEASES).containsKey(leaseId); i++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return true;
    }

    /**
     * When a member leaves, the oldest member still there ends the leases its node held: Hazelcast frees the
     * lock itself once the dead member's CP session expires ({@link CpSessions}).
     */
    public void topologyChanged(@Observes TopologyChange change) {
        if (change.kind() != TopologyChange.Kind.LEFT || !cluster.isClustered()) {
            return;
        }
        List<ClusterMember> members = cluster.membersOldestFirst();
        if (!members.get(0).local()) {
            return;
        }
        Set<String> present = members.stream().map(ClusterMember::nodeName).collect(Collectors.toSet());
        IMap<String, String> leases = hazelcast.getMap(LEASES);
        for (String json : leases.values()) {
            LockLease lease = lease(json);
            if (!present.contains(lease.node()) && leases.remove(lease.id(), json)) {
                try {
                    record("LockLeaseExpired", lease, "holder-left");
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not record the end of lease " + lease.id(), e);
                }
            }
        }
    }

    /** How this member's CP sessions are set: how soon a dead member's locks are freed. */
    public String sessionSettings() {
        return sessionSettings;
    }

    /** Every lease held in the cluster now, by lock name. */
    public List<LockLease> leases() {
        if (!cluster.isClustered()) {
            return List.of();
        }
        List<LockLease> all = new ArrayList<>();
        for (String json : hazelcast.<String, String>getMap(LEASES).values()) {
            all.add(lease(json));
        }
        all.sort(Comparator.comparing(LockLease::lock).thenComparing(LockLease::acquiredAt));
        return all;
    }

    private FencedLock lock(String name, Duration wait) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw DomainException.invalid(
                    "a lock name is 1 to 100 letters, digits or . _ : -, starting with a letter or digit");
        }
        if (wait == null || wait.isNegative() || wait.compareTo(LONGEST_WAIT) > 0) {
            throw DomainException.invalid("a lock is waited for between 0 and " + LONGEST_WAIT);
        }
        if (!cluster.isClustered()) {
            throw new DomainException(
                    DomainException.Reason.UNAVAILABLE,
                    "Service Unavailable",
                    "this node runs without a data grid, so without locks");
        }
        return hazelcast.getCPSubsystem().getLock("mabeam.lock." + name);
    }

    private static DomainException busy(String name, Duration wait) {
        return DomainException.conflict("lock '" + name + "' is held by someone else and was not free within " + wait);
    }

    private void record(String type, LockLease lease, String outcome) {
        var payload = JSON.createObjectBuilder()
                .add("lock", lease.lock())
                .add("lease", lease.id())
                .add("fence", lease.fence())
                .add("node", lease.node())
                .add("expiresAt", lease.expiresAt().toString());
        if (outcome != null) {
            payload.add("outcome", outcome);
        }
        events.record(STREAM, type, payload.build());
    }

    static String json(LockLease lease) {
        return object(lease).toString();
    }

    /** A lease as the data grid and the REST API show it. */
    public static jakarta.json.JsonObject object(LockLease lease) {
        return JSON.createObjectBuilder()
                .add("id", lease.id())
                .add("lock", lease.lock())
                .add("fence", lease.fence())
                .add("node", lease.node())
                .add("acquiredAt", lease.acquiredAt().toString())
                .add("expiresAt", lease.expiresAt().toString())
                .build();
    }

    static LockLease lease(String text) {
        var json = JSON.createReader(new StringReader(text)).readObject();
        return new LockLease(
                json.getString("id"),
                json.getString("lock"),
                json.getJsonNumber("fence").longValue(),
                json.getString("node"),
                Instant.parse(json.getString("acquiredAt")),
                Instant.parse(json.getString("expiresAt")));
    }
}
