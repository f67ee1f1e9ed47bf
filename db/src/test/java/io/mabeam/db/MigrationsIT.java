package io.mabeam.db;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The migrations on PostgreSQL, in a schema of their own inside the test database. */
class MigrationsIT {

    static final String SCHEMA = "migrations_it";

    PGSimpleDataSource postgres() {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(System.getProperty("it.db.url"));
        postgres.setUser(System.getProperty("it.db.user"));
        postgres.setPassword(System.getProperty("it.db.password"));
        return postgres;
    }

    @Test
    void migrateOnPostgreSql() throws SQLException {
        SchemaChecks.migratesAndEnforcesConstraints(postgres(), SCHEMA);
    }

    @AfterEach
    void dropSchema() {
        SchemaChecks.flyway(postgres(), SCHEMA).clean();
    }
}
