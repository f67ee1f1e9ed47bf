package io.mabeam.bridge.control;

import io.mabeam.bridge.entity.PythonObjectiveSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Python objectives in table {@code python_objective}. */
public final class PythonObjectiveStore {

    private static final String COLUMNS = "name, source, sha256, entry_point, timeout_seconds, memory_mb, workers,"
            + " description, version, created_by, created_at, updated_at";

    public void insert(Connection connection, PythonObjectiveSpec spec) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into python_objective (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(insert, spec);
            insert.executeUpdate();
        }
    }

    /** Replaces the row of version {@code spec.version() - 1}; false when another save came first. */
    public boolean update(Connection connection, PythonObjectiveSpec spec) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update python_objective set source = ?,"
                + " sha256 = ?, entry_point = ?, timeout_seconds = ?, memory_mb = ?, workers = ?, description = ?,"
                + " version = ?, updated_at = ? where name = ? and version = ?")) {
            update.setString(1, spec.source());
            update.setString(2, spec.sha256());
            update.setString(3, spec.entry());
            update.setInt(4, spec.timeoutSeconds());
            update.setInt(5, spec.memoryMb());
            update.setInt(6, spec.workers());
            update.setString(7, spec.description());
            update.setInt(8, spec.version());
            update.setTimestamp(9, Timestamp.from(spec.updatedAt()));
            update.setString(10, spec.name());
            update.setInt(11, spec.version() - 1);
            return update.executeUpdate() == 1;
        }
    }

    public Optional<PythonObjectiveSpec> find(Connection connection, String name) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("select " + COLUMNS + " from python_objective where name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(spec(rows)) : Optional.empty();
            }
        }
    }

    /** The hash of the source stored under {@code name} now, if any: what a node checks before each trial. */
    public Optional<String> sha256(Connection connection, String name) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("select sha256 from python_objective where name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    public List<PythonObjectiveSpec> list(Connection connection) throws SQLException {
        List<PythonObjectiveSpec> specs = new ArrayList<>();
        try (PreparedStatement select =
                        connection.prepareStatement("select " + COLUMNS + " from python_objective order by name");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                specs.add(spec(rows));
            }
        }
        return specs;
    }

    public boolean delete(Connection connection, String name) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from python_objective where name = ?")) {
            delete.setString(1, name);
            return delete.executeUpdate() == 1;
        }
    }

    private static void bind(PreparedStatement statement, PythonObjectiveSpec spec) throws SQLException {
        statement.setString(1, spec.name());
        statement.setString(2, spec.source());
        statement.setString(3, spec.sha256());
        statement.setString(4, spec.entry());
        statement.setInt(5, spec.timeoutSeconds());
        statement.setInt(6, spec.memoryMb());
        statement.setInt(7, spec.workers());
        statement.setString(8, spec.description());
        statement.setInt(9, spec.version());
        statement.setString(10, spec.createdBy());
        statement.setTimestamp(11, Timestamp.from(spec.createdAt()));
        statement.setTimestamp(12, Timestamp.from(spec.updatedAt()));
    }

    private static PythonObjectiveSpec spec(ResultSet rows) throws SQLException {
        return new PythonObjectiveSpec(
                rows.getString("name"),
                rows.getString("source"),
                rows.getString("sha256"),
                rows.getString("entry_point"),
                rows.getInt("timeout_seconds"),
                rows.getInt("memory_mb"),
                rows.getInt("workers"),
                rows.getString("description"),
                rows.getInt("version"),
                rows.getString("created_by"),
                rows.getTimestamp("created_at").toInstant(),
                rows.getTimestamp("updated_at").toInstant());
    }
}
