package io.mabeam.variables.control;

import io.mabeam.variables.entity.LiveVariable;
import io.mabeam.variables.entity.SearchSpace;
import io.mabeam.variables.entity.Variable;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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

/** Live variables in table {@code live_variable}, in the caller's transaction. */
public class LiveVariableStore {

    private static final JsonProvider JSON = JsonProvider.provider();

    public Optional<LiveVariable> find(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select definition, value_json, version, changed_by, changed_at from live_variable where name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(variable(row)) : Optional.empty();
            }
        }
    }

    public List<LiveVariable> all(Connection connection) throws SQLException {
        List<LiveVariable> variables = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                        "select definition, value_json, version, changed_by, changed_at from live_variable order by name");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                variables.add(variable(row));
            }
        }
        return variables;
    }

    public void insert(Connection connection, LiveVariable variable) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into live_variable (name, definition, "
                + "value_json, version, changed_by, changed_at) values (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, variable.name());
            insert.setString(2, definition(variable.definition()).toString());
            insert.setString(3, SearchSpaceJson.toJson(variable.value()).toString());
            insert.setLong(4, variable.version());
            insert.setString(5, variable.changedBy());
            insert.setObject(6, OffsetDateTime.ofInstant(variable.changedAt(), ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    /** Writes the new value if the row is still at {@code expectedVersion}; answers whether it was. */
    public boolean update(Connection connection, LiveVariable variable, long expectedVersion) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update live_variable set value_json = ?, "
                + "version = ?, changed_by = ?, changed_at = ? where name = ? and version = ?")) {
            update.setString(1, SearchSpaceJson.toJson(variable.value()).toString());
            update.setLong(2, variable.version());
            update.setString(3, variable.changedBy());
            update.setObject(4, OffsetDateTime.ofInstant(variable.changedAt(), ZoneOffset.UTC));
            update.setString(5, variable.name());
            update.setLong(6, expectedVersion);
            return update.executeUpdate() == 1;
        }
    }

    public boolean delete(Connection connection, String name) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from live_variable where name = ?")) {
            delete.setString(1, name);
            return delete.executeUpdate() == 1;
        }
    }

    /** A variable's definition as JSON: a search-space entry without a condition. */
    public static JsonObject definition(Variable variable) {
        return SearchSpaceJson.json(SearchSpace.of(variable))
                .getJsonArray("variables")
                .getJsonObject(0);
    }

    /** A definition read from JSON; conditions are refused (a live variable stands alone). */
    public static Variable definition(JsonObject json) {
        if (json.containsKey("when")) {
            throw new IllegalArgumentException("a live variable has no condition");
        }
        return SearchSpaceJson.parse(JSON.createObjectBuilder()
                        .add("variables", JSON.createArrayBuilder().add(json))
                        .build())
                .variables()
                .get(0);
    }

    public static Object value(Variable definition, JsonValue json) {
        return SearchSpaceJson.canonical(definition, SearchSpaceJson.scalar(definition.name(), json));
    }

    private static LiveVariable variable(ResultSet row) throws SQLException {
        Variable definition = definition(read(row.getString(1)));
        Object value;
        try (var reader = JSON.createReader(new StringReader(row.getString(2)))) {
            value = value(definition, reader.readValue());
        }
        return new LiveVariable(
                definition,
                value,
                row.getLong(3),
                row.getString(4),
                row.getObject(5, OffsetDateTime.class).toInstant());
    }

    private static JsonObject read(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
