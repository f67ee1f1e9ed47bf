package io.mabeam.foundation.config.control;

import io.mabeam.foundation.config.entity.ConfigEntry;
import io.mabeam.foundation.config.entity.ConfigSchema;
import io.mabeam.foundation.config.entity.ConfigType;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Settings' schemas and current values in tables {@code config_key} and {@code config_entry}. */
public class ConfigStore {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String SCHEMA_COLUMNS =
            "name, type, minimum, maximum, allowed_values, default_value, description, built_in";

    /** Declares a setting or replaces its schema; answers whether it was new. */
    public boolean declare(Connection connection, ConfigSchema schema, boolean builtIn, String by) throws SQLException {
        boolean exists = schema(connection, schema.key()).isPresent();
        String sql = exists
                ? "update config_key set type = ?, minimum = ?, maximum = ?, allowed_values = ?, default_value = ?, "
                        + "description = ?, built_in = ?, declared_by = ?, declared_at = current_timestamp where name = ?"
                : "insert into config_key (type, minimum, maximum, allowed_values, default_value, description, "
                        + "built_in, declared_by, name) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema.type().name());
            statement.setBigDecimal(2, schema.minimum());
            statement.setBigDecimal(3, schema.maximum());
            statement.setString(4, schema.allowedValues().isEmpty() ? null : toJson(schema.allowedValues()));
            statement.setString(5, schema.defaultValue());
            statement.setString(6, schema.description());
            statement.setBoolean(7, builtIn);
            statement.setString(8, by);
            statement.setString(9, schema.key());
            statement.executeUpdate();
        }
        return !exists;
    }

    public Optional<ConfigSchema> schema(Connection connection, String key) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("select " + SCHEMA_COLUMNS + " from config_key where name = ?")) {
            query.setString(1, key);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(schema(row)) : Optional.empty();
            }
        }
    }

    public boolean builtIn(Connection connection, String key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select built_in from config_key where name = ?")) {
            query.setString(1, key);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    public List<ConfigSchema> schemas(Connection connection) throws SQLException {
        List<ConfigSchema> all = new ArrayList<>();
        try (PreparedStatement query =
                        connection.prepareStatement("select " + SCHEMA_COLUMNS + " from config_key order by name");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                all.add(schema(rows));
            }
        }
        return all;
    }

    public ConfigEntry entry(Connection connection, String key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select name, value_text, version, changed_by, changed_at from config_entry where name = ?")) {
            query.setString(1, key);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? entry(row) : ConfigEntry.unset(key);
            }
        }
    }

    public List<ConfigEntry> entries(Connection connection) throws SQLException {
        List<ConfigEntry> all = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                        "select name, value_text, version, changed_by, changed_at from config_entry order by name");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                all.add(entry(rows));
            }
        }
        return all;
    }

    /** Stores a setting's value (null: unset) as of a version of its stream. */
    public void store(Connection connection, ConfigEntry entry) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update config_entry set value_text = ?, version = ?, changed_by = ?, changed_at = ? where name = ?")) {
            bind(update, entry);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into config_entry (value_text, version, changed_by, changed_at, name) values (?, ?, ?, ?, ?)")) {
            bind(insert, entry);
            insert.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, ConfigEntry entry) throws SQLException {
        statement.setString(1, entry.value());
        statement.setLong(2, entry.version());
        statement.setString(3, entry.changedBy());
        statement.setObject(4, OffsetDateTime.ofInstant(entry.changedAt(), ZoneOffset.UTC));
        statement.setString(5, entry.key());
    }

    private static ConfigEntry entry(ResultSet row) throws SQLException {
        return new ConfigEntry(
                row.getString(1),
                row.getString(2),
                row.getLong(3),
                row.getString(4),
                row.getObject(5, OffsetDateTime.class).toInstant());
    }

    private static ConfigSchema schema(ResultSet row) throws SQLException {
        String allowed = row.getString(5);
        return new ConfigSchema(
                row.getString(1),
                ConfigType.of(row.getString(2)),
                row.getBigDecimal(3),
                row.getBigDecimal(4),
                allowed == null ? List.of() : fromJson(allowed),
                row.getString(6),
                row.getString(7));
    }

    static String toJson(List<String> values) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        values.forEach(array::add);
        return array.build().toString();
    }

    static List<String> fromJson(String json) {
        return JSON.createReader(new StringReader(json)).readArray().getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }
}
