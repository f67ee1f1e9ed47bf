package io.mabeam.foundation.events.boundary;

import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.events.control.EventLog;
import io.mabeam.foundation.events.control.SubscriptionLog;
import io.mabeam.foundation.events.entity.EventQuery;
import io.mabeam.foundation.events.entity.GlobalPosition;
import io.mabeam.foundation.events.entity.RecordedEvent;
import io.mabeam.foundation.events.entity.Subscription;
import io.mabeam.foundation.events.entity.Subscription.Kind;
import io.mabeam.foundation.events.entity.SubscriptionStatus;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Durable subscriptions to the event log: delivery to in-process {@link EventSubscriber}s (one batch per
 * transaction, checkpoint included) and the pull-and-acknowledge protocol of REST clients.
 */
@Stateless
public class Subscriptions {

    public static final int BATCH = 200;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @EJB
    Cluster cluster;

    final EventLog log = new EventLog(Clock.systemUTC());
    final SubscriptionLog subscriptions = new SubscriptionLog(log);

    /** Creates a handler's subscription if it has none yet; a changed filter replaces the old one. */
    public Subscription ensureHandler(String name, String type, String streamPrefix, boolean fromStart) {
        return run(connection -> {
            GlobalPosition start = fromStart ? GlobalPosition.START : log.lastPosition(connection);
            Subscription existing = subscriptions
                    .create(connection, name, Kind.HANDLER, type, streamPrefix, start)
                    .subscription();
            if (!existing.sameFilter(type, streamPrefix)) {
                subscriptions.delete(connection, name);
                existing = subscriptions
                        .create(connection, name, Kind.HANDLER, type, streamPrefix, start)
                        .subscription();
            }
            return existing;
        });
    }

    /**
     * Hands the subscriber the next batch after its checkpoint and moves the checkpoint past it, all in one
     * new transaction. Answers how many events of the log it moved past: 0 when it is caught up, -1 when
     * another node is delivering to the subscription right now.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int deliverNext(String name, EventSubscriber subscriber) {
        return run(connection -> {
            Optional<Subscription> locked = subscriptions.lock(connection, name, true);
            if (locked.isEmpty()) {
                return -1;
            }
            Subscription subscription = locked.get();
            List<RecordedEvent> page = log.readAll(connection, subscription.checkpoint(), BATCH);
            if (page.isEmpty()) {
                return 0;
            }
            List<RecordedEvent> wanted = new ArrayList<>();
            for (RecordedEvent event : page) {
                if (subscription.wants(event)) {
                    wanted.add(event);
                }
            }
            if (!wanted.isEmpty()) {
                subscriber.handle(wanted);
            }
            subscriptions.advance(connection, name, page.get(page.size() - 1).position(), wanted.size());
            return page.size();
        });
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordError(String name, String error) {
        run(connection -> {
            subscriptions.recordError(connection, name, error);
            return null;
        });
    }

    /**
     * Creates a client subscription starting after {@code start}; the same request again changes nothing.
     *
     * @return the subscription and whether this call created it
     */
    public SubscriptionLog.Created subscribe(String name, String type, String streamPrefix, String start) {
        return run(connection -> {
            GlobalPosition from = switch (start == null ? "start" : start) {
                case "start" -> GlobalPosition.START;
                case "end" -> log.lastPosition(connection);
                default -> GlobalPosition.parse(start);
            };
            SubscriptionLog.Created result =
                    subscriptions.create(connection, name, Kind.CLIENT, type, streamPrefix, from);
            Subscription there = result.subscription();
            if (!result.created() && (there.kind() != Kind.CLIENT || !there.sameFilter(type, streamPrefix))) {
                throw DomainException.conflict("a subscription named '" + name + "' exists with another "
                        + (there.kind() != Kind.CLIENT ? "owner (an in-process handler)" : "filter"));
            }
            return result;
        });
    }

    public List<SubscriptionStatus> list() {
        return run(connection -> {
            List<SubscriptionStatus> all = new ArrayList<>();
            for (Subscription subscription : subscriptions.list(connection)) {
                all.add(subscriptions.status(connection, subscription));
            }
            return all;
        });
    }

    public SubscriptionStatus status(String name) {
        return run(connection -> subscriptions.status(connection, existing(connection, name)));
    }

    /** The next events after the subscription's checkpoint that it wants; the checkpoint stays put. */
    public List<RecordedEvent> next(String name, int limit) {
        return run(connection -> {
            EventQuery pending = existing(connection, name).pending(limit);
            return log.query(connection, pending);
        });
    }

    /**
     * A client has handled everything up to {@code position}: the checkpoint moves there. Acknowledging a
     * position at or before the checkpoint again changes nothing.
     */
    public SubscriptionStatus acknowledge(String name, GlobalPosition position) {
        return run(connection -> {
            Subscription subscription = subscriptions
                    .lock(connection, name, false)
                    .orElseThrow(() -> DomainException.notFound("no subscription named '" + name + "'"));
            if (subscription.kind() != Kind.CLIENT) {
                throw DomainException.conflict(
                        "'" + name + "' is served by an in-process handler; clients cannot acknowledge");
            }
            if (position.compareTo(subscription.checkpoint()) > 0) {
                if (position.compareTo(log.lastPosition(connection)) > 0) {
                    throw DomainException.conflict(
                            "position " + position + " is beyond the last event readers can see; nothing acknowledged");
                }
                EventQuery between = subscription.pending(1);
                long handled = log.count(connection, between, Integer.MAX_VALUE)
                        - log.count(
                                connection,
                                new EventQuery(between.type(), between.streamPrefix(), null, null, null, position, 1),
                                Integer.MAX_VALUE);
                subscriptions.advance(connection, name, position, handled);
            }
            return subscriptions.status(connection, existing(connection, name));
        });
    }

    /** Moves a client subscription's checkpoint anywhere, backwards to replay; an operator's decision. */
    public SubscriptionStatus reset(String name, GlobalPosition position) {
        return run(connection -> {
            if (existing(connection, name).kind() != Kind.CLIENT) {
                throw DomainException.conflict("'" + name + "' is served by an in-process handler whose read model "
                        + "would see events twice; only client subscriptions are moved by hand");
            }
            if (position.compareTo(log.lastPosition(connection)) > 0) {
                throw DomainException.conflict("position " + position + " is beyond the last event readers can see");
            }
            subscriptions.reset(connection, name, position);
            return subscriptions.status(connection, existing(connection, name));
        });
    }

    /**
     * Deletes a client subscription, or the per-node checkpoint of a node that is no longer in the cluster
     * (its in-memory state went with it; should it come back, it starts afresh).
     */
    public void delete(String name) {
        run(connection -> {
            Subscription subscription = existing(connection, name);
            if (subscription.kind() != Kind.CLIENT && !ofAbsentNode(name)) {
                throw DomainException.conflict("'" + name + "' belongs to an in-process handler of a running node");
            }
            subscriptions.delete(connection, name);
            return null;
        });
    }

    private boolean ofAbsentNode(String name) {
        int at = name.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        String node = name.substring(at + 1);
        return cluster.members().stream().noneMatch(member -> member.nodeName().equals(node));
    }

    private Subscription existing(Connection connection, String name) throws SQLException {
        return subscriptions
                .find(connection, name)
                .orElseThrow(() -> DomainException.notFound("no subscription named '" + name + "'"));
    }

    private <T> T run(Jdbc.Work<T> work) {
        return Jdbc.validated(dataSource, "subscription storage failed", work);
    }
}
