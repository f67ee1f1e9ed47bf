package io.mabeam.foundation.events.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.foundation.events.entity.EventContext;
import io.mabeam.foundation.events.entity.ExpectedVersion;
import io.mabeam.foundation.events.entity.GlobalPosition;
import io.mabeam.foundation.events.entity.NewEvent;
import io.mabeam.foundation.events.entity.RecordedEvent;
import io.mabeam.foundation.events.entity.VectorClock;
import io.mabeam.foundation.events.entity.WrongExpectedVersion;
import io.mabeam.foundation.persistence.control.SchemaMigrator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The event log on PostgreSQL, in a schema of its own inside the test database: the shared contract, plus
 * what only concurrent connections can show.
 */
class EventLogIT extends EventLogContract {

    static final String SCHEMA = "eventlog_it";
    static PGSimpleDataSource postgres;

    static PGSimpleDataSource postgres(String schema) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(System.getProperty("it.db.url"));
        source.setUser(System.getProperty("it.db.user"));
        source.setPassword(System.getProperty("it.db.password"));
        if (schema != null) {
            source.setCurrentSchema(schema);
        }
        return source;
    }

    @BeforeAll
    @BeforeContainer
    static void migrate() throws SQLException {
        if (postgres != null) {
            return;
        }
        try (Connection connection = postgres(null).getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("drop schema if exists " + SCHEMA + " cascade");
            sql.execute("create schema " + SCHEMA);
        }
        postgres = postgres(SCHEMA);
        new SchemaMigrator(postgres).migrate();
    }

    @AfterAll
    @AfterContainer
    static void dropSchema() throws SQLException {
        if (postgres == null) {
            return;
        }
        try (Connection connection = postgres(null).getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("drop schema if exists " + SCHEMA + " cascade");
        }
        postgres = null;
    }

    @Override
    DataSource dataSource() {
        return postgres;
    }

    @Test
    void readersNeverPassAnEventThatCommitsLater() throws Exception {
        GlobalPosition start = lastPosition();
        String slow = stream();
        String fast = stream();
        try (Connection open = postgres.getConnection()) {
            open.setAutoCommit(false);
            log.append(
                    open,
                    slow,
                    ExpectedVersion.ANY,
                    List.of(NewEvent.of("Slow", "{}")),
                    ALICE_ON_A,
                    VectorClock.empty());
            append(fast, ExpectedVersion.ANY, NewEvent.of("Fast", "{}")); // commits while "slow" is still open

            List<RecordedEvent> whileOpen = inTransaction(c -> log.readAll(c, start, 1000));
            assertThat(whileOpen)
                    .as("nothing after the open transaction is visible yet")
                    .isEmpty();

            open.commit();
        }
        settled();
        List<RecordedEvent> afterCommit = inTransaction(c -> log.readAll(c, start, 1000));
        assertThat(afterCommit).extracting(RecordedEvent::type).containsExactly("Slow", "Fast");
    }

    /**
     * Appenders that each read a stream's version and append a pair of events expecting it, retrying on
     * conflict: every pair lands whole and in sequence, none interleaves with another, no version is lost.
     */
    @Property(tries = 8)
    void concurrentAppendersWithExpectedVersionsNeverInterleave(
            @ForAll @IntRange(min = 2, max = 6) int appenders, @ForAll @IntRange(min = 1, max = 6) int pairsEach)
            throws Exception {
        migrate();
        String stream = stream();
        ExecutorService pool = Executors.newFixedThreadPool(appenders);
        try {
            List<Future<Integer>> conflicts = new ArrayList<>();
            for (int a = 0; a < appenders; a++) {
                String writer = "w" + a;
                conflicts.add(pool.submit(() -> appendPairs(stream, writer, pairsEach)));
            }
            for (Future<Integer> f : conflicts) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<RecordedEvent> events = read(stream);
        assertThat(events).hasSize(appenders * pairsEach * 2);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).version()).isEqualTo(i);
        }
        for (int i = 0; i < events.size(); i += 2) {
            assertThat(events.get(i).payload())
                    .as("a pair is whole")
                    .isEqualTo(events.get(i + 1).payload());
            assertThat(events.get(i).type()).isEqualTo("First");
            assertThat(events.get(i + 1).type()).isEqualTo("Second");
        }
    }

    private int appendPairs(String stream, String writer, int pairs) throws SQLException {
        int conflicts = 0;
        EventContext context = new EventContext(writer, writer, null, null);
        for (int p = 0; p < pairs; p++) {
            String payload = "{\"writer\":\"" + writer + "\",\"pair\":" + p + "}";
            while (true) {
                long version = version(stream);
                ExpectedVersion expected = version < 0 ? ExpectedVersion.NO_STREAM : ExpectedVersion.exactly(version);
                try {
                    inTransaction(c -> log.append(
                            c,
                            stream,
                            expected,
                            List.of(NewEvent.of("First", payload), NewEvent.of("Second", payload)),
                            context,
                            VectorClock.empty()));
                    break;
                } catch (WrongExpectedVersion conflict) {
                    conflicts++;
                }
            }
        }
        return conflicts;
    }
}
