package io.mabeam.bench;

import io.mabeam.foundation.events.control.EventLog;
import io.mabeam.foundation.events.entity.EventContext;
import io.mabeam.foundation.events.entity.ExpectedVersion;
import io.mabeam.foundation.events.entity.NewEvent;
import io.mabeam.foundation.events.entity.VectorClock;
import io.mabeam.foundation.persistence.control.SchemaMigrator;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Appended events per second with durable commits, MABEAM's event log against the physical limit on the
 * same PostgreSQL: bare single-row inserts into an equivalent table (one commit each) and COPY.
 * Arguments: JDBC URL, user, password, events per single-append run, batches of 100 per run.
 */
public class EventAppendBenchmark {

    static final String PAYLOAD = "{\"trial\":17,\"value\":0.8125,\"params\":{\"lr\":0.001,\"layers\":3}}";

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setURL(args[0]);
        db.setUser(args[1]);
        db.setPassword(args[2]);
        db.setReWriteBatchedInserts(Boolean.parseBoolean(System.getProperty("rewrite", "false")));
        int singles = Integer.parseInt(args[3]);
        int batches = Integer.parseInt(args[4]);
        try (Connection c = db.getConnection(); Statement sql = c.createStatement()) {
            sql.execute("drop schema if exists bench cascade");
            sql.execute("create schema bench");
        }
        db.setCurrentSchema("bench");
        shared = db;
        new SchemaMigrator(db).migrate();
        try (Connection c = db.getConnection(); Statement sql = c.createStatement()) {
            // the same columns, defaults, constraints and indexes as the event table, without its stream table
            sql.execute("create table raw_event (like event including all)");
            sql.execute("alter table raw_event drop constraint if exists raw_event_stream_fkey");
        }
        EventLog log = new EventLog(Clock.systemUTC());
        int rounds = Integer.getInteger("rounds", 5);
        // Rounds alternate the baseline and MABEAM, so the shared cores' ups and downs hit both alike;
        // each round's ratio is printed, and the median of the ratios is the figure.
        for (int threads : new int[] {1, 4}) {
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                int r = round;
                double raw = rate(threads, singles, (c, thread, i) -> rawInsert(c, "raw-" + r + "-" + thread, i));
                double mabeam = rate(threads, singles, (c, thread, i) -> log.append(
                        c, "single-" + threads + "-" + r + "-" + thread,
                        i == 0 ? ExpectedVersion.NO_STREAM : ExpectedVersion.exactly(i - 1),
                        List.of(NewEvent.of("TrialTold", PAYLOAD)), new EventContext("bench", "node-1", null, null),
                        VectorClock.empty()));
                ratios.add(mabeam / raw);
                System.out.printf("single events, %d client(s), round %d: bare insert+commit %.0f/s, MABEAM append %.0f/s (%.0f %%)%n",
                        threads, round + 1, raw, mabeam, 100 * mabeam / raw);
                truncateRaw(db);
            }
            System.out.printf("single events, %d client(s): median %.0f %% of bare commits%n", threads, 100 * median(ratios));
        }

        for (int threads : new int[] {1, 4}) {
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                int r = round;
                double copy = copyRate(db, 100 * batches * threads);
                double appended = 100 * rate(threads, batches, (c, thread, i) -> log.append(
                        c, "batch-" + threads + "-" + r + "-" + thread, ExpectedVersion.ANY, batchOf100(),
                        new EventContext("bench", "node-1", null, null), VectorClock.empty()));
                ratios.add(appended / copy);
                System.out.printf("batches of 100, %d client(s), round %d: COPY %.0f events/s, MABEAM append %.0f events/s (%.0f %%)%n",
                        threads, round + 1, copy, appended, 100 * appended / copy);
            }
            System.out.printf("batches of 100, %d client(s): median %.0f %% of COPY%n", threads, 100 * median(ratios));
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    interface Work {
        void run(Connection connection, int thread, int i) throws SQLException;
    }

    /** Operations per second over {@code perThread} operations on each of {@code threads} connections, each committed. */
    static double rate(int threads, int perThread, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                try (Connection c = connection()) {
                    c.setAutoCommit(false);
                    for (int i = 0; i < perThread; i++) {
                        work.run(c, thread, i);
                        c.commit();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return threads * perThread / ((System.nanoTime() - start) / 1e9);
    }

    /** The benchmark's data source, in its own schema {@code bench}. */
    static PGSimpleDataSource shared;

    static Connection connection() throws SQLException {
        return shared.getConnection();
    }

    static void rawInsert(Connection c, String stream, int version) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into raw_event (stream, version, event_id, type, payload, metadata, vector_clock)"
                + " values (?, ?, ?, 'TrialTold', ?::jsonb, ?::jsonb, '{\"node-1\":1}')")) {
            insert.setString(1, stream);
            insert.setLong(2, version);
            insert.setObject(3, UUID.randomUUID());
            insert.setString(4, PAYLOAD);
            insert.setString(5, "{\"principal\":\"bench\",\"node\":\"node-1\"}");
            insert.executeUpdate();
        }
    }

    static List<NewEvent> batchOf100() {
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(NewEvent.of("TrialTold", PAYLOAD));
        }
        return batch;
    }

    static void truncateRaw(PGSimpleDataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement sql = c.createStatement()) {
            sql.execute("truncate raw_event");
        }
    }

    static double copyRate(PGSimpleDataSource db, int events) throws Exception {
        truncateRaw(db);
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < events; i++) {
            rows.append("copy-").append(i % 1000).append('\t').append(i / 1000).append('\t').append(UUID.randomUUID())
                    .append("\tTrialTold\t").append(PAYLOAD).append("\t{\"principal\":\"bench\",\"node\":\"node-1\"}")
                    .append("\t{\"node-1\":1}\n");
        }
        try (Connection c = db.getConnection()) {
            long start = System.nanoTime();
            ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyIn(
                    "copy raw_event (stream, version, event_id, type, payload, metadata, vector_clock) from stdin",
                    new StringReader(rows.toString()));
            return events / ((System.nanoTime() - start) / 1e9);
        }
    }
}
