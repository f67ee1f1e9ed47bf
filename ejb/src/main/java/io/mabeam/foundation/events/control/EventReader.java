package io.mabeam.foundation.events.control;

import io.mabeam.foundation.events.entity.EventQuery;
import io.mabeam.foundation.events.entity.GlobalPosition;
import io.mabeam.foundation.events.entity.RecordedEvent;
import io.mabeam.foundation.events.entity.Snapshot;
import io.mabeam.foundation.events.entity.VectorClock;
import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads of the event log on a connection whose transaction the caller owns: a stream forwards or backwards, the
 * whole log in the order every reader sees (up to the read horizon, so no reader skips an event a slower
 * transaction commits later), queries and counts by type, stream prefix, time and correlation, and snapshots.
 */
public class EventReader {

    /** Looked up once: {@code Json.create…} runs a service-loader lookup on every call. */
    static final JsonProvider JSON = JsonProvider.provider();

    public static final int MAX_READ = 1000;
    private static final String COLUMNS = "%s, position, stream, version, event_id, type, %s, %s, %s, recorded_at";

    /**
     * Keeps {@code state} as the stream's state at {@code version}; taking it again for the same version
     * replaces it.
     *
     * @throws IllegalArgumentException the stream has no such version, or the state is not a JSON object
     */
    public Snapshot saveSnapshot(Connection connection, String stream, long version, String state) throws SQLException {
        long current = streamVersion(connection, stream);
        if (version < 0 || version > current) {
            throw new IllegalArgumentException("stream '" + stream + "' has no version " + version
                    + (current < 0 ? " (it has no events)" : " (its last is " + current + ")"));
        }
        try {
            JSON.createReader(new StringReader(state)).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("a snapshot's state is a JSON object");
        }
        Dialect dialect = Dialect.of(connection);
        try (PreparedStatement delete =
                connection.prepareStatement("delete from event_snapshot where stream = ? and version = ?")) {
            delete.setString(1, stream);
            delete.setLong(2, version);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into event_snapshot (stream, version, state) values (?, ?, " + dialect.jsonParameter + ")")) {
            insert.setString(1, stream);
            insert.setLong(2, version);
            insert.setString(3, state);
            insert.executeUpdate();
        }
        return latestSnapshot(connection, stream).orElseThrow();
    }

    /** The snapshot of the stream's highest version, if any was taken. */
    public java.util.Optional<Snapshot> latestSnapshot(Connection connection, String stream) throws SQLException {
        Dialect dialect = Dialect.of(connection);
        try (PreparedStatement query = connection.prepareStatement("select version, " + dialect.json("state")
                + ", taken_at from event_snapshot where stream = ? order by version desc limit 1")) {
            query.setString(1, stream);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(new Snapshot(
                        stream,
                        row.getLong(1),
                        row.getString(2),
                        row.getObject(3, java.time.OffsetDateTime.class).toInstant()));
            }
        }
    }

    /**
     * The version of the stream's last event, or -1 if the stream has none. On PostgreSQL that is the last
     * event's version, or what retention removed; H2 keeps it on the stream's row.
     */
    public long streamVersion(Connection connection, String stream) throws SQLException {
        boolean postgresql = Dialect.of(connection) == Dialect.POSTGRESQL;
        String sql = postgresql
                ? "select greatest((select max(version) from event where stream = ?), "
                        + "(select version from event_stream where stream = ?), -1)"
                : "select version from event_stream where stream = ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, stream);
            if (postgresql) {
                query.setString(2, stream);
            }
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }

    /** Up to {@code max} events of a stream from {@code fromVersion} on, forwards or backwards. */
    public List<RecordedEvent> readStream(
            Connection connection, String stream, long fromVersion, boolean forwards, int max) throws SQLException {
        Dialect dialect = Dialect.of(connection);
        String sql = "select " + columns(dialect) + " from event where stream = ? and version "
                + (forwards ? ">=" : "<=") + " ? order by version " + (forwards ? "asc" : "desc") + " limit ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, stream);
            query.setLong(2, fromVersion);
            query.setInt(3, Math.min(max, MAX_READ));
            return read(query);
        }
    }

    /** Up to {@code max} events of the whole log after {@code after}, in the order every reader sees. */
    public List<RecordedEvent> readAll(Connection connection, GlobalPosition after, int max) throws SQLException {
        Dialect dialect = Dialect.of(connection);
        String sql = "select " + columns(dialect) + " from event where (transaction_id, position) > ("
                + dialect.transactionParameter + ", ?)" + dialect.readHorizon
                + " order by transaction_id, position limit ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            if (dialect == Dialect.POSTGRESQL) {
                query.setString(1, Long.toString(after.transaction()));
            } else {
                query.setLong(1, after.transaction());
            }
            query.setLong(2, after.sequence());
            query.setInt(3, Math.min(max, MAX_READ));
            return read(query);
        }
    }

    /** The position of the last event readers can see now; {@link GlobalPosition#START} for an empty log. */
    public GlobalPosition lastPosition(Connection connection) throws SQLException {
        Dialect dialect = Dialect.of(connection);
        String sql = "select " + dialect.transactionColumn + ", position from event where 1 = 1" + dialect.readHorizon
                + " order by transaction_id desc, position desc limit 1";
        try (PreparedStatement query = connection.prepareStatement(sql);
                ResultSet row = query.executeQuery()) {
            return row.next()
                    ? new GlobalPosition(Long.parseLong(row.getString(1)), row.getLong(2))
                    : GlobalPosition.START;
        }
    }

    /** Up to {@code query.limit()} events of the whole log that match every criterion, in global order. */
    public List<RecordedEvent> query(Connection connection, EventQuery query) throws SQLException {
        Dialect dialect = Dialect.of(connection);
        List<Object> parameters = new ArrayList<>();
        String sql = "select " + columns(dialect) + " from event" + where(dialect, query, parameters)
                + " order by transaction_id, position limit ?";
        parameters.add(query.limit());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return read(statement);
        }
    }

    /**
     * How many events readers can see now that match every criterion of the query (its limit aside),
     * counted up to {@code countUpTo}.
     */
    public long count(Connection connection, EventQuery query, int countUpTo) throws SQLException {
        Dialect dialect = Dialect.of(connection);
        List<Object> parameters = new ArrayList<>();
        String sql = "select count(*) from (select 1 from event" + where(dialect, query, parameters) + " limit ?) c";
        parameters.add(countUpTo);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static String where(Dialect dialect, EventQuery query, List<Object> parameters) {
        StringBuilder sql = new StringBuilder(
                " where (transaction_id, position) > (" + dialect.transactionParameter + ", ?)" + dialect.readHorizon);
        parameters.add(
                dialect == Dialect.POSTGRESQL
                        ? Long.toString(query.after().transaction())
                        : query.after().transaction());
        parameters.add(query.after().sequence());
        if (query.type() != null) {
            sql.append(" and type = ?");
            parameters.add(query.type());
        }
        if (query.streamPrefix() != null) {
            sql.append(" and stream like ? escape '\\'");
            parameters.add(query.streamPrefix()
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_") + "%");
        }
        if (query.from() != null) {
            sql.append(" and recorded_at >= ?");
            parameters.add(java.time.OffsetDateTime.ofInstant(query.from(), java.time.ZoneOffset.UTC));
        }
        if (query.to() != null) {
            sql.append(" and recorded_at < ?");
            parameters.add(java.time.OffsetDateTime.ofInstant(query.to(), java.time.ZoneOffset.UTC));
        }
        if (query.correlationId() != null) {
            sql.append(" and correlation_id = ?");
            parameters.add(query.correlationId());
        }
        return sql.toString();
    }

    static String columns(Dialect dialect) {
        return COLUMNS.formatted(
                dialect.transactionColumn,
                dialect.json("payload"),
                dialect.json("metadata"),
                dialect.json("vector_clock"));
    }

    static List<RecordedEvent> read(PreparedStatement query) throws SQLException {
        List<RecordedEvent> events = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                events.add(new RecordedEvent(
                        new GlobalPosition(Long.parseLong(rows.getString(1)), rows.getLong(2)),
                        rows.getString(3),
                        rows.getLong(4),
                        rows.getObject(5, UUID.class),
                        rows.getString(6),
                        rows.getString(7),
                        rows.getString(8),
                        VectorClock.fromJson(rows.getString(9)),
                        rows.getObject(10, java.time.OffsetDateTime.class).toInstant()));
            }
        }
        return events;
    }
}
