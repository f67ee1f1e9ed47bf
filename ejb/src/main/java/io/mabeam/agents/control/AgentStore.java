package io.mabeam.agents.control;

import io.mabeam.agents.entity.AgentSpec;
import io.mabeam.agents.entity.AgentState;
import io.mabeam.foundation.tasks.entity.RestartStrategy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code agent} table: specs of the agents started through the platform, and where each runs. */
public final class AgentStore {

    private static final String COLUMNS =
            "id, agent_type, config, restart, mailbox, node, incarnation, desired, state, reason, created_by, created_at, "
                    + "updated_at, topics";

    public void insert(Connection connection, AgentSpec spec) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into agent (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, spec.id());
            insert.setString(2, spec.type());
            insert.setString(3, spec.config());
            insert.setString(4, spec.restart().name());
            insert.setInt(5, spec.mailbox());
            insert.setString(6, spec.node());
            insert.setLong(7, spec.incarnation());
            insert.setString(8, spec.wanted() ? "RUNNING" : "STOPPED");
            insert.setString(9, spec.state().name());
            insert.setString(10, spec.reason());
            insert.setString(11, spec.createdBy());
            insert.setTimestamp(12, Timestamp.from(spec.createdAt()));
            insert.setTimestamp(13, Timestamp.from(spec.updatedAt()));
            insert.setString(14, String.join(",", spec.topics()));
            insert.executeUpdate();
        }
    }

    public Optional<AgentSpec> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from agent where id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(spec(rows)) : Optional.empty();
            }
        }
    }

    public List<AgentSpec> list(Connection connection) throws SQLException {
        return query(connection, "select " + COLUMNS + " from agent order by id", null);
    }

    public List<AgentSpec> onNode(Connection connection, String node) throws SQLException {
        return query(connection, "select " + COLUMNS + " from agent where node = ? order by created_at, id", node);
    }

    private List<AgentSpec> query(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            List<AgentSpec> specs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    specs.add(spec(rows));
                }
            }
            return specs;
        }
    }

    /**
     * Records the states of many agents in one JDBC batch, each only for the incarnation that reports it.
     *
     * @param transitions agent, incarnation, state, reason and time of each, read through the accessors
     */
    public void recordStates(Connection connection, List<? extends StateChange> transitions) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update agent set state = ?, reason = ?, updated_at = ? where id = ? and incarnation = ?")) {
            for (StateChange t : transitions) {
                String reason = t.reason();
                update.setString(1, t.to().name());
                update.setString(2, reason == null ? null : reason.substring(0, Math.min(reason.length(), 1000)));
                update.setTimestamp(3, Timestamp.from(t.at()));
                update.setString(4, t.agent());
                update.setLong(5, t.incarnation());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** A state an incarnation of an agent reported. */
    public interface StateChange {
        String agent();

        long incarnation();

        AgentState to();

        String reason();

        Instant at();
    }

    /**
     * Moves an agent to a node as its next incarnation, if it is still at {@code incarnation} (the fence: of two
     * nodes claiming it, one wins).
     */
    public boolean claim(Connection connection, String id, long incarnation, String node, Instant at)
            throws SQLException {
        return claim(connection, id, incarnation, node, AgentState.REGISTERED, at);
    }

    /** As {@link #claim(Connection, String, long, String, Instant)}, recording {@code state} (MIGRATING). */
    public boolean claim(Connection connection, String id, long incarnation, String node, AgentState state, Instant at)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update agent set node = ?, incarnation = incarnation + 1, state = ?, reason = null, updated_at = ? "
                        + "where id = ? and incarnation = ?")) {
            update.setString(1, node);
            update.setString(2, state.name());
            update.setTimestamp(3, Timestamp.from(at));
            update.setString(4, id);
            update.setLong(5, incarnation);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Claims many agents for a node at once (one JDBC batch of compare-and-sets): the ones this node won, as
     * their next incarnation there.
     */
    public List<AgentSpec> claimAll(Connection connection, List<AgentSpec> specs, String node, Instant at)
            throws SQLException {
        if (specs.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update agent set node = ?, incarnation = incarnation + 1, state = ?, reason = null, updated_at = ? "
                        + "where id = ? and incarnation = ?")) {
            for (AgentSpec spec : specs) {
                update.setString(1, node);
                update.setString(2, AgentState.REGISTERED.name());
                update.setTimestamp(3, Timestamp.from(at));
                update.setString(4, spec.id());
                update.setLong(5, spec.incarnation());
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            List<AgentSpec> won = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 1) {
                    won.add(specs.get(i).withPlacement(node, specs.get(i).incarnation() + 1));
                }
            }
            return won;
        }
    }

    /** Marks an agent as no longer wanted (stopped, or given up): its node stops it, nobody adopts it. */
    public boolean unwant(Connection connection, String id, String reason, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update agent set desired = 'STOPPED', reason = ?, updated_at = ? where id = ?")) {
            update.setString(1, reason);
            update.setTimestamp(2, Timestamp.from(at));
            update.setString(3, id);
            return update.executeUpdate() == 1;
        }
    }

    /** Subscribes an agent to a topic, or unsubscribes it; false for an unknown agent. */
    public boolean subscribe(Connection connection, String id, String topic, boolean subscribed, Instant at)
            throws SQLException {
        Optional<AgentSpec> spec = find(connection, id);
        if (spec.isEmpty()) {
            return false;
        }
        java.util.Set<String> topics = new java.util.TreeSet<>(spec.get().topics());
        if (subscribed ? !topics.add(topic) : !topics.remove(topic)) {
            return true;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update agent set topics = ?, updated_at = ? where id = ? and topics = ?")) {
            update.setString(1, String.join(",", topics));
            update.setTimestamp(2, Timestamp.from(at));
            update.setString(3, id);
            update.setString(4, String.join(",", spec.get().topics()));
            if (update.executeUpdate() == 1) {
                return true;
            }
        }
        return subscribe(connection, id, topic, subscribed, at); // changed meanwhile: again, on the new list
    }

    private static List<String> topics(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    public boolean delete(Connection connection, String id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from agent where id = ?")) {
            delete.setString(1, id);
            return delete.executeUpdate() == 1;
        }
    }

    private static AgentSpec spec(ResultSet rows) throws SQLException {
        return new AgentSpec(
                rows.getString("id"),
                rows.getString("agent_type"),
                rows.getString("config"),
                RestartStrategy.valueOf(rows.getString("restart")),
                rows.getInt("mailbox"),
                rows.getString("node"),
                rows.getLong("incarnation"),
                "RUNNING".equals(rows.getString("desired")),
                AgentState.valueOf(rows.getString("state")),
                rows.getString("reason"),
                rows.getString("created_by"),
                rows.getTimestamp("created_at").toInstant(),
                rows.getTimestamp("updated_at").toInstant(),
                topics(rows.getString("topics")));
    }
}
