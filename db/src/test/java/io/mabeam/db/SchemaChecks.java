package io.mabeam.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** What every supported database must accept from the migrations, run by a test per database. */
final class SchemaChecks {

    private SchemaChecks() {}

    static Flyway flyway(DataSource dataSource, String schema) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .cleanDisabled(false)
                .load();
    }

    static void migratesAndEnforcesConstraints(DataSource dataSource, String schema) throws SQLException {
        Flyway flyway = flyway(dataSource, schema);
        MigrateResult first = flyway.migrate();
        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isPositive();
        assertThat(flyway.migrate().migrationsExecuted)
                .as("a second run has nothing to do")
                .isZero();

        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.executeUpdate("insert into " + schema
                    + ".mabeam_user (username, password_hash, created_at) values ('ops', 'h', current_timestamp)");
            sql.executeUpdate("insert into " + schema + ".mabeam_user_role (username, role) values ('ops', 'viewer')");
            assertThatThrownBy(() -> sql.executeUpdate(
                            "insert into " + schema + ".mabeam_user_role (username, role) values ('ops', 'king')"))
                    .as("unknown roles are refused by the database too")
                    .isInstanceOf(SQLException.class);
            sql.executeUpdate(
                    "insert into " + schema + ".api_token (id, name, owner, token_hash, created_by, created_at) "
                            + "values ('t1', 'ci', 'ops', 'abc', 'admin', current_timestamp)");
            assertThatThrownBy(() -> sql.executeUpdate("insert into " + schema
                            + ".api_token (id, name, owner, token_hash, created_by, created_at) "
                            + "values ('t2', 'ci', 'ops', 'abc', 'admin', current_timestamp)"))
                    .as("token hashes are unique")
                    .isInstanceOf(SQLException.class);
            sql.executeUpdate("delete from " + schema + ".mabeam_user where username = 'ops'");
            try (var rows = sql.executeQuery("select count(*) from " + schema + ".api_token")) {
                rows.next();
                assertThat(rows.getInt(1))
                        .as("a user's tokens go with the user")
                        .isZero();
            }
        }
    }
}
