package io.mabeam.foundation.events.boundary;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells every node of the cluster that events were committed, so their subscriptions read the log now
 * instead of at their next poll. Only a hint: the log itself is the truth, and pollers run without it.
 */
@ApplicationScoped
public class EventSignal {

    static final String TOPIC = "mabeam.foundation.events.appended";
    private static final Logger LOG = Logger.getLogger(EventSignal.class.getName());

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance hazelcast;

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private ITopic<String> topic;
    private UUID registration;

    @PostConstruct
    void join() {
        if (hazelcast != null && hazelcast.getLifecycleService().isRunning()) {
            topic = hazelcast.getTopic(TOPIC);
            registration = topic.addMessageListener(message -> wakeListeners());
        }
    }

    @PreDestroy
    void leave() {
        if (topic != null && registration != null) {
            try {
                topic.removeMessageListener(registration);
            } catch (RuntimeException gridGone) {
                LOG.fine(() -> "Data grid gone before the event signal left: " + gridGone);
            }
        }
    }

    /** Runs {@code listener} (quickly, without blocking) whenever any node signals committed events. */
    public void onAppended(Runnable listener) {
        listeners.add(listener);
    }

    /** Events were committed on this node. */
    public void appended() {
        if (topic == null) {
            wakeListeners();
            return;
        }
        try {
            topic.publishAsync("appended");
        } catch (RuntimeException gridTrouble) {
            LOG.log(Level.FINE, "Could not signal appended events; pollers will find them", gridTrouble);
            wakeListeners();
        }
    }

    private void wakeListeners() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }
}
