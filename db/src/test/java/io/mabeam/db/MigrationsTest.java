package io.mabeam.db;

import java.sql.SQLException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The migrations on the embedded default database: H2 in PostgreSQL mode, as the demo node runs it. */
class MigrationsTest {

    @Test
    void migrateOnEmbeddedH2() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(
                "jdbc:h2:mem:migrations;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        SchemaChecks.migratesAndEnforcesConstraints(h2, "public");
    }
}
