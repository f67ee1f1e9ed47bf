package io.mabeam.improvement.control;

import io.mabeam.improvement.entity.Improvement;
import jakarta.json.Json;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Improvements in table {@code improvement}. */
public final class ImprovementStore {

    private static final String COLUMNS = "id, study, sequence, coder, source, status, proposal_id, change_json,"
            + " follow_up, follow_up_execution, detail, created_at, decided_at";

    public void insert(Connection connection, Improvement improvement) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into improvement (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, improvement.id());
            insert.setString(2, improvement.study());
            insert.setInt(3, improvement.sequence());
            insert.setString(4, improvement.coder());
            insert.setString(5, improvement.source());
            insert.setString(6, improvement.status());
            insert.setString(7, improvement.proposalId());
            insert.setString(8, improvement.change().toString());
            insert.setString(9, improvement.followUp());
            if (improvement.followUpExecution() == null) {
                insert.setNull(10, Types.BIGINT);
            } else {
                insert.setLong(10, improvement.followUpExecution());
            }
            insert.setString(11, improvement.detail());
            insert.setTimestamp(12, Timestamp.from(improvement.createdAt()));
            insert.setTimestamp(13, improvement.decidedAt() == null ? null : Timestamp.from(improvement.decidedAt()));
            insert.executeUpdate();
        }
    }

    /** The next sequence number of a study's improvements. */
    public int nextSequence(Connection connection, String study) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("select coalesce(max(sequence), 0) + 1 from improvement where study = ?")) {
            select.setString(1, study);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    public void setProposal(Connection connection, String id, String proposal) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("update improvement set proposal_id = ? where id = ?")) {
            update.setString(1, proposal);
            update.setString(2, id);
            update.executeUpdate();
        }
    }

    /** Moves an improvement from one status to the next; false when it was not in {@code from} (someone else did). */
    public boolean transition(Connection connection, String id, String from, String to, String detail, Instant at)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update improvement set status = ?, detail = ?,"
                + " decided_at = coalesce(decided_at, ?) where id = ? and status = ?")) {
            update.setString(1, to);
            update.setString(2, detail.length() > 4000 ? detail.substring(0, 4000) : detail);
            update.setTimestamp(3, Timestamp.from(at));
            update.setString(4, id);
            update.setString(5, from);
            return update.executeUpdate() == 1;
        }
    }

    public void followUp(Connection connection, String id, String study, Long execution) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update improvement set follow_up = ?, follow_up_execution = ? where id = ?")) {
            update.setString(1, study);
            if (execution == null) {
                update.setNull(2, Types.BIGINT);
            } else {
                update.setLong(2, execution);
            }
            update.setString(3, id);
            update.executeUpdate();
        }
    }

    public Optional<Improvement> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("select " + COLUMNS + " from improvement where id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(improvement(rows)) : Optional.empty();
            }
        }
    }

    /** Newest first; {@code study} and {@code status} filter when not null. */
    public List<Improvement> list(Connection connection, String study, String status, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from improvement where 1 = 1");
        if (study != null) {
            sql.append(" and study = ?");
        }
        if (status != null) {
            sql.append(" and status = ?");
        }
        sql.append(" order by created_at desc, sequence desc");
        List<Improvement> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int i = 1;
            if (study != null) {
                select.setString(i++, study);
            }
            if (status != null) {
                select.setString(i, status);
            }
            select.setMaxRows(limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(improvement(rows));
                }
            }
        }
        return found;
    }

    private static Improvement improvement(ResultSet rows) throws SQLException {
        long execution = rows.getLong("follow_up_execution");
        Long followUpExecution = rows.wasNull() ? null : execution;
        Timestamp decided = rows.getTimestamp("decided_at");
        return new Improvement(
                rows.getString("id"),
                rows.getString("study"),
                rows.getInt("sequence"),
                rows.getString("coder"),
                rows.getString("source"),
                rows.getString("status"),
                rows.getString("proposal_id"),
                Json.createReader(new StringReader(rows.getString("change_json")))
                        .readObject(),
                rows.getString("follow_up"),
                followUpExecution,
                rows.getString("detail"),
                rows.getTimestamp("created_at").toInstant(),
                decided == null ? null : decided.toInstant());
    }
}
