package io.mabeam.foundation.events.boundary;

import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.events.control.EventLog;
import io.mabeam.foundation.events.entity.AppendResult;
import io.mabeam.foundation.events.entity.EventContext;
import io.mabeam.foundation.events.entity.EventQuery;
import io.mabeam.foundation.events.entity.ExpectedVersion;
import io.mabeam.foundation.events.entity.GlobalPosition;
import io.mabeam.foundation.events.entity.NewEvent;
import io.mabeam.foundation.events.entity.RecordedEvent;
import io.mabeam.foundation.events.entity.ReusedEventIds;
import io.mabeam.foundation.events.entity.Snapshot;
import io.mabeam.foundation.events.entity.WrongExpectedVersion;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.control.CallerNames;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The event store as the rest of the platform uses it: appends join the caller's transaction, so an
 * event commits exactly when the change it records does. Every event carries the calling principal,
 * this node's name and vector clock.
 */
@Stateless
public class Events {

    static final String UNIQUE_VIOLATION = "23505";

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    SessionContext session;

    @EJB
    NodeClock nodeClock;

    @EJB
    Cluster cluster;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    EventSignal signal;

    final EventLog log = new EventLog(Clock.systemUTC());

    /** Records one event at the end of a stream, whatever its version (what components log as they act). */
    public AppendResult record(String stream, String type, jakarta.json.JsonObject payload) {
        return record(stream, type, payload.toString());
    }

    /** As {@link #record(String, String, jakarta.json.JsonObject)}, with the payload as JSON text. */
    public AppendResult record(String stream, String type, String payloadJson) {
        return append(stream, ExpectedVersion.ANY, List.of(NewEvent.of(type, payloadJson)), null, null);
    }

    /**
     * @throws WrongExpectedVersion the stream is not where the caller expected; nothing written
     * @throws ReusedEventIds some of the ids were used before; nothing written
     */
    public AppendResult append(
            String stream, ExpectedVersion expected, List<NewEvent> events, String correlationId, String causationId) {
        EventContext context = new EventContext(
                CallerNames.of(session.getCallerPrincipal()), cluster.nodeName(), correlationId, causationId);
        Timer.Context timing = metrics.timer("mabeam.events.append").time();
        try (Connection connection = dataSource.getConnection()) {
            AppendResult result = log.append(connection, stream, expected, events, context, nodeClock.current());
            if (!result.replayed()) {
                nodeClock.observe(result.clock());
                metrics.counter("mabeam.events.appended").inc(events.size());
                signalAfterCommit();
            }
            return result;
        } catch (IllegalArgumentException invalid) {
            throw DomainException.invalid(invalid.getMessage());
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new DomainException(
                        DomainException.Reason.CONFLICT,
                        "Concurrent append",
                        "another append to '" + stream
                                + "' with the same event ids committed first; nothing was written, retry to get its result");
            }
            throw new EJBException("appending to " + stream + " failed", e);
        } finally {
            timing.stop();
        }
    }

    /** Subscribers everywhere hear of the events once they are visible, that is after the commit. */
    private void signalAfterCommit() {
        if (transactions.getTransactionKey() == null) {
            signal.appended();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    signal.appended();
                }
            }
        });
    }

    /**
     * Whether an append could be written now: the database answers, is not a read-only standby, and the
     * log's tables are there. Answers what is wrong, or null.
     */
    public String whyAppendsWouldFail() {
        try (Connection connection = dataSource.getConnection();
                var check = connection.prepareStatement("select count(*) from event_stream where 1 = 0")) {
            check.executeQuery().close();
            if (connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres")) {
                try (var readOnly = connection.prepareStatement("show transaction_read_only");
                        var row = readOnly.executeQuery()) {
                    if (row.next() && "on".equalsIgnoreCase(row.getString(1))) {
                        return "the database accepts no writes (read-only)";
                    }
                }
            }
            // an embedded H2 file database is writable when it is open
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    public long version(String stream) {
        return query(connection -> log.streamVersion(connection, stream));
    }

    public List<RecordedEvent> readStream(String stream, long from, boolean forwards, int max) {
        return query(connection -> log.readStream(connection, stream, from, forwards, max));
    }

    public List<RecordedEvent> readAll(GlobalPosition after, int max) {
        return query(connection -> log.readAll(connection, after, max));
    }

    public Snapshot saveSnapshot(String stream, long version, String state) {
        return Jdbc.validated(
                dataSource,
                "saving a snapshot of " + stream + " failed",
                connection -> log.saveSnapshot(connection, stream, version, state));
    }

    public java.util.Optional<Snapshot> latestSnapshot(String stream) {
        return query(connection -> log.latestSnapshot(connection, stream));
    }

    public GlobalPosition lastPosition() {
        return query(log::lastPosition);
    }

    public List<RecordedEvent> query(EventQuery query) {
        return query(connection -> log.query(connection, query));
    }

    private <T> T query(Jdbc.Work<T> query) {
        return Jdbc.inConnection(dataSource, "reading events failed", query);
    }
}
