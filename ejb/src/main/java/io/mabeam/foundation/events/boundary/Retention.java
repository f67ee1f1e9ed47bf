package io.mabeam.foundation.events.boundary;

import io.mabeam.foundation.events.control.EventLog;
import io.mabeam.foundation.events.control.EventRetention;
import io.mabeam.foundation.events.entity.GlobalPosition;
import io.mabeam.foundation.events.entity.RecordedEvent;
import io.mabeam.foundation.events.entity.RetentionOutcome;
import io.mabeam.foundation.events.entity.RetentionPolicy;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.problems.Ranges;
import io.mabeam.foundation.security.control.CallerNames;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Retention of old events, never silent: each batch archived or deleted is recorded as an event in
 * stream {@code event-retention} in the same transaction, and events a subscription has not handled yet
 * stay, with a {@code RetentionHeldBack} event naming the subscription.
 */
@Stateless
public class Retention {

    public static final String STREAM = "event-retention";
    static final int BATCH = 1000;
    private static final JsonProvider JSON = JsonProvider.provider();

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    SessionContext session;

    @EJB
    Events events;

    @EJB
    Retention self;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    final EventRetention retention = new EventRetention();
    final EventLog log = new EventLog(Clock.systemUTC());

    public List<RetentionPolicy> policies() {
        return run(retention::policies);
    }

    /** Creates or replaces the policy for a stream prefix; answers whether it is new. */
    public boolean setPolicy(String streamPrefix, String maxAge, String action) {
        RetentionPolicy policy;
        try {
            policy = new RetentionPolicy(
                    streamPrefix,
                    Duration.parse(maxAge == null ? "" : maxAge.trim().toUpperCase(java.util.Locale.ROOT)),
                    RetentionPolicy.Action.of(action == null ? "" : action),
                    CallerNames.of(session.getCallerPrincipal()),
                    Instant.now());
        } catch (java.time.format.DateTimeParseException e) {
            throw DomainException.invalid("a retention age is an ISO-8601 duration such as P30D, not " + maxAge);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        return run(connection -> {
            boolean created = retention.save(connection, policy);
            events.record(
                    STREAM,
                    "RetentionPolicySet",
                    JSON.createObjectBuilder()
                            .add("streamPrefix", streamPrefix)
                            .add("maxAge", policy.maxAge().toString())
                            .add("action", policy.action().column())
                            .build());
            return created;
        });
    }

    public void removePolicy(String streamPrefix) {
        run(connection -> {
            if (!retention.delete(connection, streamPrefix)) {
                throw DomainException.notFound("no retention policy for '" + streamPrefix + "'");
            }
            events.record(
                    STREAM,
                    "RetentionPolicyRemoved",
                    JSON.createObjectBuilder().add("streamPrefix", streamPrefix).build());
            return null;
        });
    }

    /** Applies every policy now, a batch per transaction; what the retention job runs. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<RetentionOutcome> applyAll() {
        Instant now = Instant.now();
        List<RetentionOutcome> outcomes = new ArrayList<>();
        for (RetentionPolicy policy : policies()) {
            Instant cutoff = now.minus(policy.maxAge());
            long removed = 0;
            GlobalPosition first = null;
            GlobalPosition last = null;
            EventRetention.Batch batch;
            do {
                batch = self.applyBatch(policy, cutoff);
                removed += batch.events();
                first = first == null ? batch.first() : first;
                last = batch.last() == null ? last : batch.last();
            } while (batch.events() == BATCH);
            outcomes.add(self.recordHoldBack(policy, cutoff, removed, first, last));
        }
        return outcomes;
    }

    /** One batch of one policy, recorded in the same transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public EventRetention.Batch applyBatch(RetentionPolicy policy, Instant cutoff) {
        return run(connection -> {
            GlobalPosition horizon = retention
                    .slowestInterested(connection, policy)
                    .map(EventRetention.Holder::checkpoint)
                    .orElse(log.lastPosition(connection));
            EventRetention.Batch batch = retention.apply(connection, policy, cutoff, horizon, BATCH);
            if (batch.events() > 0) {
                events.record(
                        STREAM,
                        policy.action() == RetentionPolicy.Action.ARCHIVE ? "EventsArchived" : "EventsDeleted",
                        JSON.createObjectBuilder()
                                .add("streamPrefix", policy.streamPrefix())
                                .add("maxAge", policy.maxAge().toString())
                                .add("cutoff", cutoff.toString())
                                .add("events", batch.events())
                                .add("firstPosition", batch.first().toString())
                                .add("lastPosition", batch.last().toString())
                                .build());
                metrics.counter(
                                "mabeam.events.retained",
                                new Tag("action", policy.action().column()))
                        .inc(batch.events());
            }
            return batch;
        });
    }

    /** Says, as an event, when old events had to stay because a subscription has not handled them. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public RetentionOutcome recordHoldBack(
            RetentionPolicy policy, Instant cutoff, long removed, GlobalPosition first, GlobalPosition last) {
        return run(connection -> {
            long waiting = retention.remaining(connection, policy, cutoff);
            Optional<EventRetention.Holder> holder = retention.slowestInterested(connection, policy);
            String heldBackBy = waiting > 0
                    ? holder.map(EventRetention.Holder::subscription).orElse(null)
                    : null;
            if (heldBackBy != null) {
                events.record(
                        STREAM,
                        "RetentionHeldBack",
                        JSON.createObjectBuilder()
                                .add("streamPrefix", policy.streamPrefix())
                                .add("cutoff", cutoff.toString())
                                .add("events", waiting)
                                .add("subscription", heldBackBy)
                                .add("checkpoint", holder.get().checkpoint().toString())
                                .build());
            }
            return new RetentionOutcome(
                    policy, cutoff, removed, first, last, heldBackBy, heldBackBy == null ? 0 : waiting);
        });
    }

    public List<RecordedEvent> archived(String streamPrefix, long after, int limit) {
        Ranges.limit(limit, 1000);
        return run(connection -> retention.archived(connection, streamPrefix, after, limit));
    }

    private <T> T run(Jdbc.Work<T> work) {
        return Jdbc.validated(dataSource, "event retention failed", work);
    }
}
