package io.mabeam.foundation.events.control;

import io.mabeam.foundation.persistence.control.SchemaMigrator;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;

/** The event log on the embedded default database, H2 in PostgreSQL mode, as a demo node runs it. */
class EventLogTest extends EventLogContract {

    static JdbcDataSource h2;

    @BeforeAll
    static void migrate() {
        h2 = new JdbcDataSource();
        h2.setURL(
                "jdbc:h2:mem:eventlog;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        new SchemaMigrator(h2).migrate();
    }

    @Override
    DataSource dataSource() {
        return h2;
    }
}
