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
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect(dataSource))
                .validateMigrationNaming(true)
                .cleanDisabled(false)
                .load();
    }

    /** The same choice the application's SchemaMigrator makes. */
    static String dialect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection
                            .getMetaData()
                            .getDatabaseProductName()
                            .toLowerCase()
                            .contains("postgres")
                    ? "postgresql"
                    : "h2";
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
            sql.executeUpdate("insert into " + schema + ".event_stream (stream, version) values ('s-1', 0)");
            sql.executeUpdate(
                    "insert into " + schema + ".event (" + (dialect(dataSource).equals("h2") ? "position, " : "")
                            + "stream, version, event_id, type, payload, metadata, vector_clock) values ("
                            + (dialect(dataSource).equals("h2") ? "1, " : "")
                            + "'s-1', 0, '3b241101-e2bb-4255-8caf-4136c566a962', 'Created', '{}', '{}', '{}')");
            assertThatThrownBy(() -> sql.executeUpdate("insert into " + schema + ".event ("
                            + (dialect(dataSource).equals("h2") ? "position, " : "")
                            + "stream, version, event_id, type, payload, metadata, vector_clock) values ("
                            + (dialect(dataSource).equals("h2") ? "2, " : "")
                            + "'s-1', 0, '3b241101-e2bb-4255-8caf-4136c566a963', 'Created', '{}', '{}', '{}')"))
                    .as("a stream has one event per version")
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
