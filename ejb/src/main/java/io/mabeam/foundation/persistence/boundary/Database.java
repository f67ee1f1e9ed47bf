package io.mabeam.foundation.persistence.boundary;

import io.mabeam.foundation.persistence.control.SchemaMigrator;
import io.mabeam.foundation.persistence.entity.DatabaseStatus;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Defines the application's one data source and migrates its schema at start-up, before any other
 * component touches it (they declare {@code @DependsOn("Database")}).
 *
 * <p>The connection settings come from MicroProfile Config through Payara's {@code ${MPCONFIG=…}}
 * substitution, so the environment variables {@code MABEAM_DB_URL}, {@code MABEAM_DB_USER},
 * {@code MABEAM_DB_PASSWORD} and {@code MABEAM_DB_DATASOURCE} choose the database. Without them a node
 * runs on an H2 file under {@code ./data} in PostgreSQL compatibility mode.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "${MPCONFIG=mabeam.db.datasource:org.h2.jdbcx.JdbcDataSource}",
        url =
                "${MPCONFIG=mabeam.db.url:jdbc:h2:file:./data/mabeam;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH}",
        user = "${MPCONFIG=mabeam.db.user:mabeam}",
        password = "${MPCONFIG=mabeam.db.password:mabeam}",
        minPoolSize = 2,
        maxPoolSize = 32,
        properties = {
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=auto-commit",
            "fish.payara.fail-all-connections=true"
        })
public class Database {

    public static final String JNDI_NAME = "java:global/jdbc/mabeam";
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    @Resource(lookup = JNDI_NAME)
    DataSource dataSource;

    private volatile String appliedVersion = "none";

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrate() {
        appliedVersion = new SchemaMigrator(dataSource).migrate();
        LOG.info(() -> "Database schema at version " + appliedVersion);
    }

    /** What the database is and whether it answers now; never throws. */
    public DatabaseStatus status() {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            boolean valid = connection.isValid(2);
            return new DatabaseStatus(
                    valid,
                    meta.getDatabaseProductName(),
                    meta.getDatabaseProductVersion(),
                    withoutCredentials(meta.getURL()),
                    appliedVersion,
                    null);
        } catch (SQLException e) {
            return new DatabaseStatus(false, "unknown", "unknown", "unknown", appliedVersion, e.getMessage());
        }
    }

    /** The URL to show people: no credentials, and no query string (drivers list every default there). */
    static String withoutCredentials(String url) {
        if (url == null) {
            return "unknown";
        }
        int query = url.indexOf('?');
        String shown = query < 0 ? url : url.substring(0, query);
        return shown.replaceAll("(?i)(password|user)=[^;&]*", "$1=***");
    }
}
