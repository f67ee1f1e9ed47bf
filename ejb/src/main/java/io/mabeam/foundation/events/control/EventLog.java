package io.mabeam.foundation.events.control;

import io.mabeam.foundation.events.entity.AppendResult;
import io.mabeam.foundation.events.entity.EventContext;
import io.mabeam.foundation.events.entity.ExpectedVersion;
import io.mabeam.foundation.events.entity.NewEvent;
import io.mabeam.foundation.events.entity.ReusedEventIds;
import io.mabeam.foundation.events.entity.VectorClock;
import io.mabeam.foundation.events.entity.WrongExpectedVersion;
import jakarta.json.JsonObjectBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The append-only event log in the database, on a connection whose transaction the caller owns (the
 * boundary's JTA transaction in the server, a plain JDBC transaction in tests). Appends check the expected
 * version under a lock on the stream's row, so appenders to one stream are serialised and appenders to
 * different streams are not. Reads, queries and snapshots are {@link EventReader}'s.
 */
public class EventLog extends EventReader {

    public static final int MAX_BATCH = 1000;
    static final StreamHeads HEADS = new StreamHeads(10_000);
    static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}");

    private final Clock clock;

    public EventLog(Clock clock) {
        this.clock = clock;
    }

    /**
     * Appends {@code events} to {@code stream} if it is at the {@code expected} version. Appending events
     * whose ids are all in the stream already is a no-op that answers the original versions.
     *
     * @param nodeClock this node's clock; each event's clock is it merged with the stream's last clock,
     *     ticked for {@code context.node()}
     * @throws WrongExpectedVersion the stream is elsewhere
     * @throws ReusedEventIds some (not all) of the ids exist already, or in another stream
     * @throws IllegalArgumentException a bad stream name, type, payload, or an empty or oversized batch
     */
    public AppendResult append(
            Connection connection,
            String stream,
            ExpectedVersion expected,
            List<NewEvent> events,
            EventContext context,
            VectorClock nodeClock)
            throws SQLException {
        Dialect dialect = Dialect.of(connection);
        // PostgreSQL checks payloads itself (jsonb and a constraint that they are objects, migration V009)
        AppendChecks.validate(stream, events, dialect != Dialect.POSTGRESQL);
        if (dialect == Dialect.POSTGRESQL) {
            try {
                return appendInOneRoundTrip(connection, stream, expected, events, context, nodeClock);
            } catch (SQLException e) {
                if (INVALID_JSON.equals(e.getSQLState()) || CHECK_VIOLATION.equals(e.getSQLState())) {
                    throw new IllegalArgumentException("a payload is not a JSON object; nothing was written");
                }
                throw e;
            }
        }
        long head = dialect.serialisesAppends ? lockHead(connection) : -1;
        long current = lockStream(connection, dialect, stream);
        AppendResult replay = replayOf(connection, stream, events);
        if (replay != null) {
            return replay;
        }
        if (!expected.isMetBy(current)) {
            throw new WrongExpectedVersion(stream, expected, current);
        }
        VectorClock clock = current < 0 ? nodeClock : nodeClock.merge(lastClock(connection, dialect, stream, current));
        String sql = "insert into event (" + (dialect.serialisesAppends ? "position, " : "")
                + "stream, version, event_id, type, payload, metadata, vector_clock, correlation_id) values ("
                + (dialect.serialisesAppends ? "?, " : "") + "?, ?, ?, ?, " + dialect.jsonParameter + ", "
                + dialect.jsonParameter + ", " + dialect.jsonParameter + ", ?)";
        String timestamp = Instant.now(this.clock).toString();
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            long version = current;
            for (NewEvent event : events) {
                version++;
                clock = clock.tick(context.node());
                int i = 1;
                if (dialect.serialisesAppends) {
                    insert.setLong(i++, ++head);
                }
                insert.setString(i++, stream);
                insert.setLong(i++, version);
                insert.setObject(i++, event.id());
                insert.setString(i++, event.type());
                insert.setString(i++, event.payload());
                insert.setString(i++, metadata(event, context, timestamp));
                insert.setString(i++, clock.toJson());
                insert.setString(i, context.correlationId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        long last = current + events.size();
        try (PreparedStatement update =
                connection.prepareStatement("update event_stream set version = ? where stream = ?")) {
            update.setLong(1, last);
            update.setString(2, stream);
            update.executeUpdate();
        }
        if (dialect.serialisesAppends) {
            try (PreparedStatement update =
                    connection.prepareStatement("update event_log_head set position = ? where id = 1")) {
                update.setLong(1, head);
                update.executeUpdate();
            }
        }
        return new AppendResult(stream, current + 1, last, false, clock);
    }

    /** PostgreSQL: the whole append in the database function {@code mabeam_append} (migration V004). */
    private AppendResult appendInOneRoundTrip(
            Connection connection,
            String stream,
            ExpectedVersion expected,
            List<NewEvent> events,
            EventContext context,
            VectorClock nodeClock)
            throws SQLException {
        String timestamp = Instant.now(this.clock).toString();
        StreamHeads.Head head = HEADS.get(stream);
        if (events.size() == 1
                && head != null
                && expected instanceof ExpectedVersion.Exactly exactly
                && exactly.version() == head.version()) {
            AppendResult fast =
                    appendAfterKnownHead(connection, stream, events.get(0), context, nodeClock, head, timestamp);
            if (fast != null) {
                return fast;
            }
        }
        AppendResult result = appendByFunction(connection, stream, expected, events, context, nodeClock, timestamp);
        if (!result.replayed()) {
            HEADS.put(
                    stream,
                    new StreamHeads.Head(
                            result.lastVersion(), events.get(events.size() - 1).id(), result.clock()));
        }
        return result;
    }

    /**
     * One event right after the event this JVM appended last to the stream: a single insert, written only
     * if that event is still the stream's last (its id at its version) and nobody took the next version or
     * this id. Answers null when it wrote nothing; the full append then decides.
     */
    private AppendResult appendAfterKnownHead(
            Connection connection,
            String stream,
            NewEvent event,
            EventContext context,
            VectorClock nodeClock,
            StreamHeads.Head head,
            String timestamp)
            throws SQLException {
        VectorClock clock = nodeClock.merge(head.clock()).tick(context.node());
        long version = head.version() + 1;
        try (PreparedStatement insert = connection.prepareStatement("insert into event (stream, version, event_id, "
                + "type, payload, metadata, vector_clock, correlation_id) select ?, ?, ?, ?, ?::jsonb, ?::jsonb, "
                + "?::jsonb, ? where exists (select 1 from event where stream = ? and version = ? and event_id = ?) "
                + "on conflict do nothing")) {
            insert.setString(1, stream);
            insert.setLong(2, version);
            insert.setObject(3, event.id());
            insert.setString(4, event.type());
            insert.setString(5, event.payload());
            insert.setString(6, metadata(event, context, timestamp));
            insert.setString(7, clock.toJson());
            insert.setString(8, context.correlationId());
            insert.setString(9, stream);
            insert.setLong(10, head.version());
            insert.setObject(11, head.eventId());
            if (insert.executeUpdate() == 0) {
                HEADS.forget(stream);
                return null;
            }
        }
        HEADS.put(stream, new StreamHeads.Head(version, event.id(), clock));
        return new AppendResult(stream, version, version, false, clock);
    }

    private AppendResult appendByFunction(
            Connection connection,
            String stream,
            ExpectedVersion expected,
            List<NewEvent> events,
            EventContext context,
            VectorClock nodeClock,
            String timestamp)
            throws SQLException {
        Object[] ids = events.stream().map(NewEvent::id).toArray();
        Object[] types = events.stream().map(NewEvent::type).toArray();
        Object[] payloads = events.stream().map(NewEvent::payload).toArray();
        Object[] metadata =
                events.stream().map(e -> metadata(e, context, timestamp)).toArray();
        try (PreparedStatement call =
                connection.prepareStatement("select * from mabeam_append(?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)")) {
            call.setString(1, stream);
            call.setLong(2, code(expected));
            call.setString(3, context.node());
            call.setString(4, nodeClock.toJson());
            call.setString(5, context.correlationId());
            call.setArray(6, connection.createArrayOf("uuid", ids));
            call.setArray(7, connection.createArrayOf("varchar", types));
            call.setArray(8, connection.createArrayOf("text", payloads));
            call.setArray(9, connection.createArrayOf("text", metadata));
            try (ResultSet row = call.executeQuery()) {
                row.next();
                return new AppendResult(
                        stream,
                        row.getLong(1),
                        row.getLong(2),
                        row.getBoolean(3),
                        VectorClock.fromJson(row.getString(4)));
            }
        } catch (SQLException e) {
            if (WRONG_VERSION.equals(e.getSQLState())) {
                throw new WrongExpectedVersion(stream, expected, Long.parseLong(serverMessage(e)));
            }
            if (IDS_USED.equals(e.getSQLState())) {
                throw new ReusedEventIds(stream);
            }
            throw e;
        }
    }

    static final String WRONG_VERSION = "MB001";
    static final String IDS_USED = "MB002";

    /** How mabeam_append takes an expectation: -2 any, -1 no stream, -3 an existing stream, else the version. */
    static long code(ExpectedVersion expected) {
        if (expected instanceof ExpectedVersion.Exactly exactly) {
            return exactly.version();
        }
        if (expected instanceof ExpectedVersion.NoStream) {
            return -1;
        }
        if (expected instanceof ExpectedVersion.StreamExists) {
            return -3;
        }
        return -2;
    }

    private static String serverMessage(SQLException e) {
        String message = e.getMessage();
        int prefix = message.indexOf(": ");
        message = prefix >= 0 ? message.substring(prefix + 2) : message;
        int where = message.indexOf("\n  Where:");
        return where >= 0 ? message.substring(0, where) : message;
    }

    static final String INVALID_JSON = "22P02";
    static final String CHECK_VIOLATION = "23514";

    private static long lockHead(Connection connection) throws SQLException {
        try (PreparedStatement lock =
                        connection.prepareStatement("select position from event_log_head where id = 1 for update");
                ResultSet row = lock.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Creates the stream's row if missing and locks it; answers the stream's version (-1: no events). */
    private static long lockStream(Connection connection, Dialect dialect, String stream) throws SQLException {
        String create = dialect == Dialect.POSTGRESQL
                ? "insert into event_stream (stream, version) values (?, -1) on conflict (stream) do nothing"
                : "insert into event_stream (stream, version) select ?, -1 where not exists "
                        + "(select 1 from event_stream where stream = ?)";
        try (PreparedStatement insert = connection.prepareStatement(create)) {
            insert.setString(1, stream);
            if (dialect == Dialect.H2) {
                insert.setString(2, stream);
            }
            insert.executeUpdate();
        }
        try (PreparedStatement lock =
                connection.prepareStatement("select version from event_stream where stream = ? for update")) {
            lock.setString(1, stream);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The original result if every id was appended to this stream before; null if none was. */
    private static AppendResult replayOf(Connection connection, String stream, List<NewEvent> events)
            throws SQLException {
        String placeholders = String.join(", ", java.util.Collections.nCopies(events.size(), "?"));
        List<Long> versions = new ArrayList<>();
        boolean otherStream = false;
        try (PreparedStatement query = connection.prepareStatement(
                "select stream, version from event where event_id in (" + placeholders + ") order by version")) {
            for (int i = 0; i < events.size(); i++) {
                query.setObject(i + 1, events.get(i).id());
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    otherStream |= !rows.getString(1).equals(stream);
                    versions.add(rows.getLong(2));
                }
            }
        }
        if (versions.isEmpty()) {
            return null;
        }
        if (otherStream || versions.size() != events.size()) {
            throw new ReusedEventIds(stream);
        }
        return new AppendResult(stream, versions.get(0), versions.get(versions.size() - 1), true, VectorClock.empty());
    }

    private static VectorClock lastClock(Connection connection, Dialect dialect, String stream, long version)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select " + dialect.json("vector_clock") + " from event where stream = ? and version = ?")) {
            query.setString(1, stream);
            query.setLong(2, version);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? VectorClock.fromJson(row.getString(1)) : VectorClock.empty();
            }
        }
    }

    private static String metadata(NewEvent event, EventContext context, String timestamp) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        for (Map.Entry<String, String> entry : event.metadata().entrySet()) {
            json.add(entry.getKey(), entry.getValue());
        }
        json.add("principal", context.principal()).add("node", context.node()).add("timestamp", timestamp);
        if (context.correlationId() != null) {
            json.add("correlationId", context.correlationId());
        }
        if (context.causationId() != null) {
            json.add("causationId", context.causationId());
        }
        return json.build().toString();
    }
}
