package io.mabeam.models.control;

import io.mabeam.models.entity.ModelRecord;
import io.mabeam.optimization.entity.Direction;
import io.mabeam.training.control.TrainingSetupJson;
import io.mabeam.training.entity.Metric;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Kept models in table {@code trained_model}. */
public final class ModelStore {

    private static final String COLUMNS = "id, study, trial, dataset, dataset_sha256, setup_json, parameters_json,"
            + " metrics_json, preprocessing_json, metric, validation_score, network_bytes, created_at";

    public void insert(Connection connection, ModelRecord model, byte[] network) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into trained_model (" + COLUMNS
                + ", network) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, model.id());
            insert.setString(2, model.study());
            insert.setLong(3, model.trial());
            insert.setString(4, model.dataset());
            insert.setString(5, model.datasetSha256());
            insert.setString(6, TrainingSetupJson.json(model.setup()).toString());
            insert.setString(7, model.parameters().toString());
            insert.setString(8, model.metrics().toString());
            insert.setString(9, model.preprocessing().toString());
            insert.setString(10, model.metric().label());
            insert.setDouble(11, model.validationScore());
            insert.setInt(12, model.networkBytes());
            insert.setTimestamp(13, Timestamp.from(model.createdAt()));
            insert.setBytes(14, network);
            insert.executeUpdate();
        }
    }

    /** The study's best kept model's validation score in the metric's direction. */
    public Optional<ModelRecord> best(Connection connection, String study, Metric metric) throws SQLException {
        String order = metric.direction() == Direction.MAXIMIZE ? "desc" : "asc";
        try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS
                + " from trained_model where study = ? order by validation_score " + order + ", created_at asc")) {
            select.setMaxRows(1);
            select.setString(1, study);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(model(rows)) : Optional.empty();
            }
        }
    }

    public Optional<ModelRecord> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("select " + COLUMNS + " from trained_model where id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(model(rows)) : Optional.empty();
            }
        }
    }

    /** Newest first; a study's only when {@code study} is given. */
    public List<ModelRecord> list(Connection connection, String study, int limit) throws SQLException {
        String where = study == null ? "" : " where study = ?";
        try (PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from trained_model" + where + " order by created_at desc, id")) {
            select.setMaxRows(limit);
            if (study != null) {
                select.setString(1, study);
            }
            List<ModelRecord> models = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    models.add(model(rows));
                }
            }
            return models;
        }
    }

    public Optional<byte[]> network(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select network from trained_model where id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
            }
        }
    }

    public boolean delete(Connection connection, String id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from trained_model where id = ?")) {
            delete.setString(1, id);
            return delete.executeUpdate() == 1;
        }
    }

    private static ModelRecord model(ResultSet rows) throws SQLException {
        return new ModelRecord(
                rows.getString(1),
                rows.getString(2),
                rows.getLong(3),
                rows.getString(4),
                rows.getString(5).strip(),
                TrainingSetupJson.parse(json(rows.getString(6))),
                json(rows.getString(7)),
                json(rows.getString(8)),
                json(rows.getString(9)),
                Metric.of(rows.getString(10)),
                rows.getDouble(11),
                rows.getInt(12),
                rows.getTimestamp(13).toInstant());
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
