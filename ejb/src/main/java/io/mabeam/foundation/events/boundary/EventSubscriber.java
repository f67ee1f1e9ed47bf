package io.mabeam.foundation.events.boundary;

import io.mabeam.foundation.events.entity.RecordedEvent;
import java.util.List;

/**
 * An in-process subscriber to the event log, found as a CDI bean. It is handed every event it wants, in
 * log order, at least once: first what was appended before it started (catch-up), then each new event
 * within about a second of its commit. Its checkpoint advances in the same transaction as {@link
 * #handle}, so a read model written through the application's data source is updated exactly once per
 * event; anything else it does may see an event twice after a crash.
 */
public interface EventSubscriber {

    /** A stable name, unique in the application: the checkpoint is kept under it. */
    String subscriptionName();

    /**
     * {@code true}: every node of the cluster handles every event, with a checkpoint of its own (for caches
     * held in memory). {@code false}: each event is handled once for the whole cluster, by whichever node
     * gets to it first (for read models in the database).
     */
    default boolean onEveryNode() {
        return false;
    }

    /** Only events of this type; null for every type. */
    default String eventType() {
        return null;
    }

    /** Only events of streams starting with this; null for every stream. */
    default String streamPrefix() {
        return null;
    }

    /** Where a new subscription begins: at the start of the log, or after the last event there now. */
    default boolean fromStart() {
        return true;
    }

    /**
     * Handles a batch of events in the subscription's transaction. Throwing rolls back the transaction;
     * the batch is delivered again after a pause, and the error shows on the subscription.
     */
    void handle(List<RecordedEvent> events);
}
