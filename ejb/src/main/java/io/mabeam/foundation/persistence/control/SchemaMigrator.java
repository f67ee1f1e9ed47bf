package io.mabeam.foundation.persistence.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database to the schema of the {@code db/} module's migrations. Flyway serialises concurrent
 * migrations of several nodes with a database lock, so every node may call this at start-up.
 */
public class SchemaMigrator {

    static final String COMMON = "classpath:db/migration/common";

    private final DataSource dataSource;

    public SchemaMigrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The folder of migrations written for this database: {@code postgresql} or {@code h2}. (Flyway itself
     * has no {@code {vendor}} placeholder; that is Spring Boot's.)
     */
    static String dialect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return "postgresql";
            }
            if (product.contains("h2")) {
                return "h2";
            }
            throw new IllegalStateException("MABEAM runs on PostgreSQL or H2, not on " + product);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to migrate it", e);
        }
    }

    /** Applies pending migrations and answers the schema version now in force. */
    public String migrate() {
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(COMMON, "classpath:db/migration/" + dialect(dataSource))
                .table("flyway_schema_history")
                .validateMigrationNaming(true)
                .load();
        MigrateResult result = flyway.migrate();
        var current = flyway.info().current();
        return current == null
                ? result.targetSchemaVersion
                : current.getVersion().getVersion();
    }
}
