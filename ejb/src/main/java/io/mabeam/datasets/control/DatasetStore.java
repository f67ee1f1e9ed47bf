package io.mabeam.datasets.control;

import io.mabeam.datasets.entity.Dataset;
import jakarta.json.Json;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Datasets in table {@code dataset}. */
public final class DatasetStore {

    private static final String COLUMNS = "name, sha256, bytes, schema_json, bundled, created_by, created_at";

    public void insert(Connection connection, Dataset dataset, byte[] content) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into dataset (" + COLUMNS + ", rows_count, content) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, dataset.name());
            insert.setString(2, dataset.sha256());
            insert.setLong(3, dataset.bytes());
            insert.setString(4, DatasetJson.schema(dataset.schema()).toString());
            insert.setBoolean(5, dataset.bundled());
            insert.setString(6, dataset.createdBy());
            insert.setTimestamp(7, Timestamp.from(dataset.createdAt()));
            insert.setInt(8, dataset.schema().rows());
            insert.setBytes(9, content);
            insert.executeUpdate();
        }
    }

    public Optional<Dataset> find(Connection connection, String name) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("select " + COLUMNS + " from dataset where name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(dataset(rows)) : Optional.empty();
            }
        }
    }

    public List<Dataset> list(Connection connection) throws SQLException {
        List<Dataset> datasets = new ArrayList<>();
        try (PreparedStatement select =
                        connection.prepareStatement("select " + COLUMNS + " from dataset order by name");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                datasets.add(dataset(rows));
            }
        }
        return datasets;
    }

    public Optional<byte[]> content(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select content from dataset where name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
            }
        }
    }

    public boolean delete(Connection connection, String name) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from dataset where name = ?")) {
            delete.setString(1, name);
            return delete.executeUpdate() == 1;
        }
    }

    private static Dataset dataset(ResultSet rows) throws SQLException {
        return new Dataset(
                rows.getString(1),
                rows.getString(2).strip(),
                rows.getLong(3),
                DatasetJson.schema(
                        Json.createReader(new StringReader(rows.getString(4))).readObject()),
                rows.getBoolean(5),
                rows.getString(6),
                rows.getTimestamp(7).toInstant());
    }
}
