package io.mabeam.foundation.events.boundary;

import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.events.entity.SubscriptionStatus;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Runs this node's share of the in-process subscriptions: at start it catches each {@link
 * EventSubscriber} up from its checkpoint, then delivers new events when any node signals an append, and
 * polls every second besides (a lost signal only delays). Cluster-wide subscribers are served by
 * whichever node locks their checkpoint first; a failing subscriber is retried with growing pauses.
 */
@Singleton
@Startup
@DependsOn({"Database", "Cluster"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SubscriptionRunner {

    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);
    static final int MOST_BATCHES_PER_PASS = 50;
    private static final Logger LOG = Logger.getLogger(SubscriptionRunner.class.getName());

    @Inject
    @Any
    Instance<EventSubscriber> discovered;

    @EJB
    Subscriptions subscriptions;

    @EJB
    Cluster cluster;

    @Inject
    EventSignal signal;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    private final Map<String, EventSubscriber> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Map<String, Long> lags = new ConcurrentHashMap<>();
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private final Object passing = new Object();
    private volatile boolean stopping;
    private ScheduledFuture<?> poller;

    record Failure(int attempts, Instant retryAt) {}

    @PostConstruct
    void start() {
        for (EventSubscriber subscriber : discovered) {
            String name = subscriber.onEveryNode()
                    ? subscriber.subscriptionName() + "@" + cluster.nodeName()
                    : subscriber.subscriptionName();
            subscriptions.ensureHandler(
                    name, subscriber.eventType(), subscriber.streamPrefix(), subscriber.fromStart());
            subscribers.put(name, subscriber);
            lags.put(name, 0L);
            metrics.gauge(
                    Metadata.builder()
                            .withName("mabeam.events.subscription.lag")
                            .withDescription("Events a subscription has yet to handle, as of this node's last look")
                            .build(),
                    () -> lags.getOrDefault(name, 0L),
                    new Tag("subscription", name));
        }
        signal.onAppended(this::wake);
        poller = executor.scheduleWithFixedDelay(this::pass, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info(() -> "Serving " + subscribers.size() + " event subscription(s): " + subscribers.keySet());
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (poller != null) {
            poller.cancel(false);
        }
    }

    /** The names of the subscriptions this node serves. */
    public List<String> served() {
        return subscribers.keySet().stream().sorted().toList();
    }

    /** The subscriptions this node is pausing after failures. */
    public List<String> failing() {
        return failures.keySet().stream().sorted().toList();
    }

    void wake() {
        if (!stopping && passQueued.compareAndSet(false, true)) {
            try {
                executor.submit(this::pass);
            } catch (RuntimeException rejected) {
                passQueued.set(false);
            }
        }
    }

    /** Delivers to every subscriber until it is caught up, paused after failing, or busy elsewhere. */
    void pass() {
        synchronized (passing) {
            passQueued.set(false);
            for (Map.Entry<String, EventSubscriber> entry : subscribers.entrySet()) {
                if (stopping) {
                    return;
                }
                String name = entry.getKey();
                Failure failure = failures.get(name);
                if (failure != null && Instant.now().isBefore(failure.retryAt())) {
                    continue;
                }
                catchUp(name, entry.getValue());
            }
        }
    }

    private void catchUp(String name, EventSubscriber subscriber) {
        try {
            int moved;
            int batches = 0;
            do {
                moved = subscriptions.deliverNext(name, subscriber);
            } while (moved > 0 && ++batches < MOST_BATCHES_PER_PASS && !stopping);
            failures.remove(name);
            if (moved >= 0) {
                SubscriptionStatus status = subscriptions.status(name);
                lags.put(name, status.lag());
            }
            if (moved > 0) {
                wake();
            }
        } catch (RuntimeException e) {
            Failure previous = failures.get(name);
            int attempts = previous == null ? 1 : previous.attempts() + 1;
            Duration pause = Duration.ofMillis(Math.min(LONGEST_PAUSE.toMillis(), 500L << Math.min(attempts, 10)));
            failures.put(name, new Failure(attempts, Instant.now().plus(pause)));
            Throwable cause = rootCause(e);
            LOG.log(
                    attempts == 1 ? Level.WARNING : Level.FINE,
                    "Subscription " + name + " failed (attempt " + attempts + "); retrying in " + pause,
                    cause);
            try {
                subscriptions.recordError(name, cause.getClass().getSimpleName() + ": " + cause.getMessage());
            } catch (RuntimeException databaseDown) {
                LOG.fine(() -> "Could not record the failure of " + name + ": " + databaseDown);
            }
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
