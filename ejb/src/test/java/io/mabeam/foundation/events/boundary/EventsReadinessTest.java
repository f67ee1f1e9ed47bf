package io.mabeam.foundation.events.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.foundation.persistence.control.SchemaMigrator;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The event-store readiness on the demo's embedded H2, which knows no {@code show transaction_read_only}. */
class EventsReadinessTest {

    @Test
    void anOpenH2DatabaseWithTheLogAcceptsAppends() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:readiness;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Events events = new Events();
        events.dataSource = h2;
        assertThat(events.whyAppendsWouldFail()).as("before migration").contains("event_stream");
        new SchemaMigrator(h2).migrate();
        assertThat(events.whyAppendsWouldFail()).isNull();
    }
}
