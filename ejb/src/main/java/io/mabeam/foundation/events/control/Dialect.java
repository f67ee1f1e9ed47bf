package io.mabeam.foundation.events.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The SQL that differs between PostgreSQL (the system of record) and H2 (the single-node demo). On H2
 * appends are serialised by a lock, so its log needs no horizon; on PostgreSQL readers stop below the
 * oldest transaction still in flight.
 */
enum Dialect {
    POSTGRESQL(
            "?::jsonb",
            "%s::text",
            "transaction_id::text",
            "?::xid8",
            " and transaction_id < pg_snapshot_xmin(pg_current_snapshot())",
            false),
    H2("? format json", "%s", "transaction_id", "?", "", true);

    final String jsonParameter;
    private final String jsonColumnPattern;
    final String transactionColumn;
    final String transactionParameter;
    final String readHorizon;
    final boolean serialisesAppends;

    Dialect(
            String jsonParameter,
            String jsonColumnPattern,
            String transactionColumn,
            String transactionParameter,
            String readHorizon,
            boolean serialisesAppends) {
        this.jsonParameter = jsonParameter;
        this.jsonColumnPattern = jsonColumnPattern;
        this.transactionColumn = transactionColumn;
        this.transactionParameter = transactionParameter;
        this.readHorizon = readHorizon;
        this.serialisesAppends = serialisesAppends;
    }

    String json(String column) {
        return jsonColumnPattern.formatted(column);
    }

    static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("postgres") ? POSTGRESQL : H2;
    }
}
