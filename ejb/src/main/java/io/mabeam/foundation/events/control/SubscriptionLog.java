package io.mabeam.foundation.events.control;

import io.mabeam.foundation.events.entity.GlobalPosition;
import io.mabeam.foundation.events.entity.Subscription;
import io.mabeam.foundation.events.entity.Subscription.Kind;
import io.mabeam.foundation.events.entity.SubscriptionStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The durable checkpoints of the log's subscriptions, in table {@code event_subscription}. */
public class SubscriptionLog {

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}");
    private static final String COLUMNS = "name, kind, event_type, stream_prefix, checkpoint_transaction, "
            + "checkpoint_sequence, delivered, last_error, last_error_at, updated_at";

    private final EventLog log;

    public SubscriptionLog(EventLog log) {
        this.log = log;
    }

    /**
     * Creates the subscription unless one of that name exists; answers the one that is there now and
     * whether this call created it.
     */
    public Created create(
            Connection connection, String name, Kind kind, String type, String streamPrefix, GlobalPosition start)
            throws SQLException {
        validate(name, type, streamPrefix);
        Dialect dialect = Dialect.of(connection);
        String insert = "insert into event_subscription (name, kind, event_type, stream_prefix, "
                + "checkpoint_transaction, checkpoint_sequence) "
                + (dialect == Dialect.POSTGRESQL
                        ? "values (?, ?, ?, ?, ?, ?) on conflict (name) do nothing"
                        : "select ?, ?, ?, ?, ?, ? where not exists (select 1 from event_subscription where name = ?)");
        int inserted;
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, name);
            statement.setString(2, kind.column());
            statement.setString(3, type);
            statement.setString(4, streamPrefix);
            statement.setLong(5, start.transaction());
            statement.setLong(6, start.sequence());
            if (dialect == Dialect.H2) {
                statement.setString(7, name);
            }
            inserted = statement.executeUpdate();
        }
        return new Created(find(connection, name).orElseThrow(), inserted == 1);
    }

    public record Created(Subscription subscription, boolean created) {}

    public Optional<Subscription> find(Connection connection, String name) throws SQLException {
        return one(connection, "select " + COLUMNS + " from event_subscription where name = ?", name);
    }

    /**
     * Locks the subscription's row for this transaction, so no other node delivers to it meanwhile. Empty
     * when there is no such subscription, or, with {@code skipIfBusy}, when another transaction holds it.
     */
    public Optional<Subscription> lock(Connection connection, String name, boolean skipIfBusy) throws SQLException {
        return one(
                connection,
                "select " + COLUMNS + " from event_subscription where name = ? for update"
                        + (skipIfBusy ? " skip locked" : ""),
                name);
    }

    /** Moves the checkpoint to {@code position}, counting {@code handled} more delivered events. */
    public void advance(Connection connection, String name, GlobalPosition position, long handled) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update event_subscription set "
                + "checkpoint_transaction = ?, checkpoint_sequence = ?, delivered = delivered + ?, "
                + "last_error = null, last_error_at = null, updated_at = current_timestamp where name = ?")) {
            update.setLong(1, position.transaction());
            update.setLong(2, position.sequence());
            update.setLong(3, handled);
            update.setString(4, name);
            update.executeUpdate();
        }
    }

    /** Puts the checkpoint anywhere, backwards too (to replay); keeps the delivered count. */
    public boolean reset(Connection connection, String name, GlobalPosition position) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update event_subscription set "
                + "checkpoint_transaction = ?, checkpoint_sequence = ?, last_error = null, last_error_at = null, "
                + "updated_at = current_timestamp where name = ?")) {
            update.setLong(1, position.transaction());
            update.setLong(2, position.sequence());
            update.setString(3, name);
            return update.executeUpdate() == 1;
        }
    }

    public void recordError(Connection connection, String name, String error) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update event_subscription set last_error = ?, last_error_at = current_timestamp where name = ?")) {
            String message = error == null ? "unknown error" : error;
            update.setString(1, message.length() > 2000 ? message.substring(0, 2000) : message);
            update.setString(2, name);
            update.executeUpdate();
        }
    }

    public boolean delete(Connection connection, String name) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from event_subscription where name = ?")) {
            delete.setString(1, name);
            return delete.executeUpdate() == 1;
        }
    }

    public List<Subscription> list(Connection connection) throws SQLException {
        List<Subscription> all = new ArrayList<>();
        try (PreparedStatement query =
                        connection.prepareStatement("select " + COLUMNS + " from event_subscription order by name");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                all.add(subscription(rows));
            }
        }
        return all;
    }

    /** The subscription with the number of wanted events after its checkpoint that readers can see now. */
    public SubscriptionStatus status(Connection connection, Subscription subscription) throws SQLException {
        return new SubscriptionStatus(
                subscription, log.count(connection, subscription.pending(1), SubscriptionStatus.LAG_COUNTED_UP_TO));
    }

    static void validate(String name, String type, String streamPrefix) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a subscription name is 1 to 200 letters, digits or . _ : @ -, starting with a letter or digit");
        }
        if (type != null && (type.isBlank() || type.length() > 200)) {
            throw new IllegalArgumentException("an event type filter is 1 to 200 characters");
        }
        if (streamPrefix != null && (streamPrefix.isBlank() || streamPrefix.length() > 200)) {
            throw new IllegalArgumentException("a stream prefix filter is 1 to 200 characters");
        }
    }

    private static Optional<Subscription> one(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(subscription(row)) : Optional.empty();
            }
        }
    }

    private static Subscription subscription(ResultSet row) throws SQLException {
        return new Subscription(
                row.getString(1),
                Kind.valueOf(row.getString(2).toUpperCase(Locale.ROOT)),
                row.getString(3),
                row.getString(4),
                new GlobalPosition(row.getLong(5), row.getLong(6)),
                row.getLong(7),
                row.getString(8),
                instant(row.getObject(9, OffsetDateTime.class)),
                instant(row.getObject(10, OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
