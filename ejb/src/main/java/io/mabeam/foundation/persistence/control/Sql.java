package io.mabeam.foundation.persistence.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two query shapes the stores repeat, on the caller's connection: the first row a statement selects, and
 * every row. Parameters are bound in order with {@link PreparedStatement#setObject(int, Object)}.
 */
public final class Sql {

    /** Makes one value of the row the result set is on. */
    public interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Sql() {}

    /** The first row {@code sql} selects, mapped; empty when it selects none. */
    public static <T> Optional<T> one(Connection connection, String sql, Row<T> row, Object... parameters)
            throws SQLException {
        try (PreparedStatement query = prepared(connection, sql, parameters);
                ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.of(row.map(rows)) : Optional.empty();
        }
    }

    /** Every row {@code sql} selects, mapped, in its order. */
    public static <T> List<T> list(Connection connection, String sql, Row<T> row, Object... parameters)
            throws SQLException {
        List<T> all = new ArrayList<>();
        try (PreparedStatement query = prepared(connection, sql, parameters);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                all.add(row.map(rows));
            }
        }
        return all;
    }

    private static PreparedStatement prepared(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
