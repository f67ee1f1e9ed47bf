package io.mabeam.foundation.persistence.control;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database to the schema of the {@code db/} module's migrations. Flyway serialises concurrent
 * migrations of several nodes with a database lock, so every node may call this at start-up.
 */
public class SchemaMigrator {

    static final String LOCATION = "classpath:db/migration";

    private final DataSource dataSource;

    public SchemaMigrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies pending migrations and answers the schema version now in force. */
    public String migrate() {
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
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
