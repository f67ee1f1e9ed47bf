package io.mabeam.agents.boundary;

import io.mabeam.agents.entity.PerformanceAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the agents of this node did, waiting for the journal: lifecycle transitions and performance alerts,
 * queued from the runtime's threads and written in batches. While the database is away they stay queued, in
 * order, for the next flush.
 */
final class JournalQueue {

    private static final Logger LOG = Logger.getLogger(JournalQueue.class.getName());
    private static final int BATCH = 500;
    private static final int ROUNDS = 20;

    private final AgentJournal journal;
    private final Supplier<String> node;
    private final ConcurrentLinkedQueue<AgentJournal.Transition> pending = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<PerformanceAlert> pendingAlerts = new ConcurrentLinkedQueue<>();

    JournalQueue(AgentJournal journal, Supplier<String> node) {
        this.journal = journal;
        this.node = node;
    }

    void add(AgentJournal.Transition transition) {
        pending.add(transition);
    }

    void add(PerformanceAlert alert) {
        pendingAlerts.add(alert);
    }

    /** Transitions not yet written. */
    int size() {
        return pending.size();
    }

    void flush() {
        if (!pendingAlerts.isEmpty()) {
            List<PerformanceAlert> alerts = new ArrayList<>();
            PerformanceAlert alert;
            while ((alert = pendingAlerts.poll()) != null) {
                alerts.add(alert);
            }
            try {
                journal.alerts(alerts, node.get());
            } catch (RuntimeException e) {
                pendingAlerts.addAll(alerts); // the database is away: next flush
            }
        }
        // a burst (a node's agents adopted at once) goes out in batches of 500 in one round, not one per tick
        for (int round = 0; round < ROUNDS && !pending.isEmpty(); round++) {
            if (!flushBatch()) {
                return;
            }
        }
    }

    /** False when the database is away (the batch is kept for the next try). */
    private boolean flushBatch() {
        List<AgentJournal.Transition> batch = new ArrayList<>();
        AgentJournal.Transition next;
        while (batch.size() < BATCH && (next = pending.peek()) != null) {
            batch.add(next);
            pending.poll();
        }
        try {
            journal.record(batch);
        } catch (RuntimeException e) {
            // the database is away: keep the transitions, in order, for the next flush
            List<AgentJournal.Transition> rest = new ArrayList<>(batch);
            rest.addAll(pending);
            pending.clear();
            pending.addAll(rest);
            LOG.log(Level.FINE, "recording agent transitions failed; kept for the next try", e);
            return false;
        }
        return true;
    }
}
