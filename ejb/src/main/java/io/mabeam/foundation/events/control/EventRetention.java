package io.mabeam.foundation.events.control;

import io.mabeam.foundation.events.entity.GlobalPosition;
import io.mabeam.foundation.events.entity.RecordedEvent;
import io.mabeam.foundation.events.entity.RetentionPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Retention policies and their application to the log: events of a policy's streams older than its
 * cutoff, and at or before a horizon (no subscription that may want them is behind it), are moved to
 * {@code event_archive} or deleted, a batch at a time.
 */
public class EventRetention {

    private static final String EVENT_COLUMNS = "position, transaction_id, stream, version, event_id, type, payload, "
            + "metadata, vector_clock, recorded_at, correlation_id";

    public List<RetentionPolicy> policies(Connection connection) throws SQLException {
        List<RetentionPolicy> all = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                        "select stream_prefix, max_age, action, created_by, created_at from event_retention_policy "
                                + "order by stream_prefix");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                all.add(new RetentionPolicy(
                        rows.getString(1),
                        java.time.Duration.parse(rows.getString(2)),
                        RetentionPolicy.Action.of(rows.getString(3)),
                        rows.getString(4),
                        rows.getObject(5, OffsetDateTime.class).toInstant()));
            }
        }
        return all;
    }

    /** Creates or replaces the policy of its prefix; answers whether it was new. */
    public boolean save(Connection connection, RetentionPolicy policy) throws SQLException {
        boolean existed = delete(connection, policy.streamPrefix());
        try (PreparedStatement insert = connection.prepareStatement("insert into event_retention_policy "
                + "(stream_prefix, max_age, action, created_by) values (?, ?, ?, ?)")) {
            insert.setString(1, policy.streamPrefix());
            insert.setString(2, policy.maxAge().toString());
            insert.setString(3, policy.action().column());
            insert.setString(4, policy.createdBy());
            insert.executeUpdate();
        }
        return !existed;
    }

    public boolean delete(Connection connection, String streamPrefix) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("delete from event_retention_policy where stream_prefix = ?")) {
            delete.setString(1, streamPrefix);
            return delete.executeUpdate() == 1;
        }
    }

    public record Holder(String subscription, GlobalPosition checkpoint) {}

    /**
     * The subscription furthest behind among those that may want the policy's events; empty when none
     * does (then the whole visible log may go).
     */
    public Optional<Holder> slowestInterested(Connection connection, RetentionPolicy policy) throws SQLException {
        Holder slowest = null;
        try (PreparedStatement query = connection.prepareStatement(
                        "select name, stream_prefix, checkpoint_transaction, checkpoint_sequence from event_subscription");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                if (policy.overlaps(rows.getString(2))) {
                    GlobalPosition checkpoint = new GlobalPosition(rows.getLong(3), rows.getLong(4));
                    if (slowest == null || checkpoint.compareTo(slowest.checkpoint()) < 0) {
                        slowest = new Holder(rows.getString(1), checkpoint);
                    }
                }
            }
        }
        return Optional.ofNullable(slowest);
    }

    public record Batch(int events, GlobalPosition first, GlobalPosition last) {}

    /**
     * Archives or deletes up to {@code limit} events of the policy's streams recorded before
     * {@code cutoff} and at or before {@code horizon}, oldest first.
     */
    public Batch apply(Connection connection, RetentionPolicy policy, Instant cutoff, GlobalPosition horizon, int limit)
            throws SQLException {
        Dialect dialect = Dialect.of(connection);
        List<Long> positions = new ArrayList<>();
        GlobalPosition first = null;
        GlobalPosition last = null;
        try (PreparedStatement query = connection.prepareStatement("select " + dialect.transactionColumn
                + ", position from event where stream like ? escape '\\' and recorded_at < ?"
                + " and (transaction_id, position) <= (" + dialect.transactionParameter + ", ?)"
                + dialect.readHorizon + " order by transaction_id, position limit ?")) {
            query.setString(1, like(policy.streamPrefix()));
            query.setObject(2, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            if (dialect == Dialect.POSTGRESQL) {
                query.setString(3, Long.toString(horizon.transaction()));
            } else {
                query.setLong(3, horizon.transaction());
            }
            query.setLong(4, horizon.sequence());
            query.setInt(5, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    GlobalPosition position = new GlobalPosition(Long.parseLong(rows.getString(1)), rows.getLong(2));
                    first = first == null ? position : first;
                    last = position;
                    positions.add(position.sequence());
                }
            }
        }
        if (positions.isEmpty()) {
            return new Batch(0, null, null);
        }
        String in = " where position in (" + String.join(", ", Collections.nCopies(positions.size(), "?")) + ")";
        if (policy.action() == RetentionPolicy.Action.ARCHIVE) {
            try (PreparedStatement archive = connection.prepareStatement(
                    "insert into event_archive (" + EVENT_COLUMNS + ") select " + EVENT_COLUMNS + " from event" + in)) {
                bind(archive, positions);
                archive.executeUpdate();
            }
        }
        if (dialect == Dialect.POSTGRESQL) {
            // the streams keep the versions they reached: their next events follow on, never reuse them
            try (PreparedStatement floor = connection.prepareStatement("update event_stream s set version = d.reached "
                    + "from (select stream, max(version) reached from event" + in + " group by stream) d "
                    + "where s.stream = d.stream and s.version < d.reached")) {
                bind(floor, positions);
                floor.executeUpdate();
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("delete from event" + in)) {
            bind(delete, positions);
            delete.executeUpdate();
        }
        return new Batch(positions.size(), first, last);
    }

    /** How many events of the policy's streams older than the cutoff remain visible in the log. */
    public long remaining(Connection connection, RetentionPolicy policy, Instant cutoff) throws SQLException {
        Dialect dialect = Dialect.of(connection);
        try (PreparedStatement query = connection.prepareStatement("select count(*) from event where stream like ? "
                + "escape '\\' and recorded_at < ?" + dialect.readHorizon)) {
            query.setString(1, like(policy.streamPrefix()));
            query.setObject(2, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Archived events of streams starting with the prefix (null: all), by position after {@code after}. */
    public List<RecordedEvent> archived(Connection connection, String streamPrefix, long after, int limit)
            throws SQLException {
        Dialect dialect = Dialect.of(connection);
        String sql = "select " + dialect.transactionColumn + ", position, stream, version, event_id, type, "
                + dialect.json("payload") + ", " + dialect.json("metadata") + ", " + dialect.json("vector_clock")
                + ", recorded_at from event_archive where position > ?"
                + (streamPrefix == null ? "" : " and stream like ? escape '\\'") + " order by position limit ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            int i = 1;
            query.setLong(i++, after);
            if (streamPrefix != null) {
                query.setString(i++, like(streamPrefix));
            }
            query.setInt(i, limit);
            return EventReader.read(query);
        }
    }

    private static void bind(PreparedStatement statement, List<Long> positions) throws SQLException {
        for (int i = 0; i < positions.size(); i++) {
            statement.setLong(i + 1, positions.get(i));
        }
    }

    static String like(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
