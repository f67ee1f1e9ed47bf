package io.mabeam.foundation.events.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.foundation.events.entity.AppendResult;
import io.mabeam.foundation.events.entity.EventContext;
import io.mabeam.foundation.events.entity.EventQuery;
import io.mabeam.foundation.events.entity.ExpectedVersion;
import io.mabeam.foundation.events.entity.GlobalPosition;
import io.mabeam.foundation.events.entity.NewEvent;
import io.mabeam.foundation.events.entity.RecordedEvent;
import io.mabeam.foundation.events.entity.ReusedEventIds;
import io.mabeam.foundation.events.entity.VectorClock;
import io.mabeam.foundation.events.entity.WrongExpectedVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What the event log guarantees on every database it runs on; a subclass per database supplies it. */
abstract class EventLogContract {

    static final EventContext ALICE_ON_A = new EventContext("alice", "node-a", "corr-1", null);

    final EventLog log = new EventLog(Clock.systemUTC());

    abstract DataSource dataSource();

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    static String stream() {
        return "test-" + UUID.randomUUID();
    }

    /** The position of the last event {@link #append} committed: what {@link #settled} waits for. */
    GlobalPosition lastAppended = GlobalPosition.START;

    AppendResult append(String stream, ExpectedVersion expected, NewEvent... events) throws SQLException {
        AppendResult result =
                inTransaction(c -> log.append(c, stream, expected, List.of(events), ALICE_ON_A, VectorClock.empty()));
        lastAppended = inTransaction(c -> log.readStream(c, stream, Long.MAX_VALUE, false, 1))
                .get(0)
                .position();
        return result;
    }

    /** Waits until readers of the whole log see everything {@link #append} committed. */
    void settled() throws SQLException {
        awaitReadersSee(lastAppended);
    }

    long version(String stream) throws SQLException {
        Long version = inTransaction(c -> log.streamVersion(c, stream));
        return version;
    }

    List<RecordedEvent> read(String stream) throws SQLException {
        return inTransaction(c -> log.readStream(c, stream, 0, true, 1000));
    }

    /**
     * Waits until readers of the whole log see everything up to {@code position}. On PostgreSQL they stop below
     * the oldest transaction in flight anywhere in the server (transaction ids are shared by every database):
     * autovacuum's, or another client's, may hold that horizon below events this test has just committed for a
     * moment. The horizon only moves forward, so once past, it stays past.
     */
    void awaitReadersSee(GlobalPosition position) throws SQLException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (inTransaction(log::lastPosition).compareTo(position) < 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("readers did not see " + position + " within 60 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000); // then ask again
        }
    }

    @Test
    void appendsAndReadsAStreamBothWays() throws SQLException {
        String stream = stream();
        AppendResult first = append(stream, ExpectedVersion.NO_STREAM, NewEvent.of("Created", "{\"n\":1}"));
        AppendResult second = append(
                stream, ExpectedVersion.exactly(0), NewEvent.of("Told", "{\"n\":2}"), NewEvent.of("Told", "{\"n\":3}"));
        assertThat(first).isEqualTo(new AppendResult(stream, 0, 0, false, VectorClock.of(Map.of("node-a", 1L))));
        assertThat(second).isEqualTo(new AppendResult(stream, 1, 2, false, VectorClock.of(Map.of("node-a", 3L))));

        List<RecordedEvent> forwards = read(stream);
        assertThat(forwards).extracting(RecordedEvent::version).containsExactly(0L, 1L, 2L);
        assertThat(forwards).extracting(RecordedEvent::type).containsExactly("Created", "Told", "Told");
        assertThat(forwards.get(2).payload()).contains("\"n\"").contains("3");
        List<RecordedEvent> backwards = inTransaction(c -> log.readStream(c, stream, 1, false, 10));
        assertThat(backwards).extracting(RecordedEvent::version).containsExactly(1L, 0L);
        assertThat(version(stream)).isEqualTo(2);
    }

    @Test
    void metadataNamesWhoWhereAndWhy() throws SQLException {
        String stream = stream();
        NewEvent event = new NewEvent(UUID.randomUUID(), "Created", "{}", Map.of("study", "s-7"));
        append(stream, ExpectedVersion.ANY, event);
        String metadata = read(stream).get(0).metadata();
        assertThat(metadata)
                .contains("\"principal\"", "alice")
                .contains("\"node\"", "node-a")
                .contains("\"correlationId\"", "corr-1")
                .contains("\"study\"", "s-7")
                .contains("\"timestamp\"");
    }

    @Test
    void wrongExpectedVersionsWriteNothing() throws SQLException {
        String stream = stream();
        append(stream, ExpectedVersion.NO_STREAM, NewEvent.of("Created", "{}"));
        assertThatThrownBy(() -> append(stream, ExpectedVersion.NO_STREAM, NewEvent.of("Created", "{}")))
                .isInstanceOf(WrongExpectedVersion.class)
                .hasMessageContaining("version 0");
        assertThatThrownBy(() -> append(stream, ExpectedVersion.exactly(5), NewEvent.of("Told", "{}")))
                .isInstanceOf(WrongExpectedVersion.class);
        String missing = stream();
        assertThatThrownBy(() -> append(missing, ExpectedVersion.STREAM_EXISTS, NewEvent.of("Told", "{}")))
                .isInstanceOf(WrongExpectedVersion.class)
                .hasMessageContaining("does not exist");
        assertThat(read(stream)).hasSize(1);
        assertThat(read(missing)).isEmpty();
        assertThat(version(missing)).isEqualTo(-1);
    }

    @Test
    void appendingTheSameIdsAgainIsANoOp() throws SQLException {
        String stream = stream();
        NewEvent a = NewEvent.of("Created", "{}");
        NewEvent b = NewEvent.of("Told", "{}");
        append(stream, ExpectedVersion.NO_STREAM, a, b);
        AppendResult again = append(stream, ExpectedVersion.NO_STREAM, a, b);
        assertThat(again).isEqualTo(new AppendResult(stream, 0, 1, true, VectorClock.empty()));
        assertThat(read(stream)).hasSize(2);
        assertThatThrownBy(() -> append(stream, ExpectedVersion.ANY, a, NewEvent.of("Told", "{}")))
                .isInstanceOf(ReusedEventIds.class)
                .hasMessageContaining("nothing was written");
        assertThatThrownBy(() -> append(stream(), ExpectedVersion.ANY, a))
                .as("an id belongs to one stream")
                .isInstanceOf(ReusedEventIds.class);
        assertThat(read(stream)).hasSize(2);
    }

    @Test
    void refusesBadInput() {
        assertThatThrownBy(() -> append("bad name!", ExpectedVersion.ANY, NewEvent.of("Created", "{}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> append(stream(), ExpectedVersion.ANY, NewEvent.of("Created", "[1,2]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> append(stream(), ExpectedVersion.ANY, NewEvent.of("Created", "{\"a\":")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> append(stream(), ExpectedVersion.ANY, NewEvent.of("Created", "{\"a\": }")))
                .as("braces around, but no JSON")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> append(stream(), ExpectedVersion.ANY)).isInstanceOf(IllegalArgumentException.class);
        NewEvent twice = NewEvent.of("Created", "{}");
        assertThatThrownBy(() -> append(stream(), ExpectedVersion.ANY, twice, twice))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWholeLogReadsInAppendOrderAfterAnyPosition() throws SQLException {
        GlobalPosition start = lastPosition();
        String one = stream();
        String two = stream();
        append(one, ExpectedVersion.ANY, NewEvent.of("A", "{}"));
        append(two, ExpectedVersion.ANY, NewEvent.of("B", "{}"));
        append(one, ExpectedVersion.ANY, NewEvent.of("C", "{}"));
        settled();

        List<RecordedEvent> all = inTransaction(c -> log.readAll(c, start, 1000));
        assertThat(all).extracting(RecordedEvent::type).containsExactly("A", "B", "C");
        assertThat(all).extracting(RecordedEvent::position).isSorted();
        List<RecordedEvent> afterFirst =
                inTransaction(c -> log.readAll(c, all.get(0).position(), 1000));
        assertThat(afterFirst).extracting(RecordedEvent::type).containsExactly("B", "C");
    }

    @Test
    void queriesFilterByTypeStreamPrefixCorrelationAndTimeWithPaging() throws SQLException {
        String prefix = "q" + UUID.randomUUID().toString().substring(0, 8);
        EventContext correlated = new EventContext("alice", "node-a", prefix + "-corr", null);
        inTransaction(c -> log.append(
                c,
                prefix + "-1",
                ExpectedVersion.ANY,
                List.of(NewEvent.of("Created", "{}"), NewEvent.of("Told", "{}"), NewEvent.of("Told", "{}")),
                correlated,
                VectorClock.empty()));
        append(prefix + "-2", ExpectedVersion.ANY, NewEvent.of("Told", "{}"));
        append("other-" + prefix, ExpectedVersion.ANY, NewEvent.of("Told", "{}"));
        settled();

        List<RecordedEvent> told = query(new EventQuery("Told", prefix, null, null, null, null, 100));
        assertThat(told).extracting(RecordedEvent::stream).containsExactly(prefix + "-1", prefix + "-1", prefix + "-2");
        List<RecordedEvent> byCorrelation = query(new EventQuery(null, null, null, null, prefix + "-corr", null, 100));
        assertThat(byCorrelation).hasSize(3).allMatch(e -> e.stream().equals(prefix + "-1"));

        List<RecordedEvent> firstPage = query(new EventQuery(null, prefix, null, null, null, null, 2));
        List<RecordedEvent> secondPage = query(
                new EventQuery(null, prefix, null, null, null, firstPage.get(1).position(), 2));
        assertThat(firstPage).extracting(RecordedEvent::type).containsExactly("Created", "Told");
        assertThat(secondPage).extracting(RecordedEvent::stream).containsExactly(prefix + "-1", prefix + "-2");

        Instant recorded = firstPage.get(0).recordedAt();
        assertThat(query(new EventQuery(
                        null, prefix, recorded.minusSeconds(60), recorded.plusSeconds(60), null, null, 100)))
                .hasSize(4);
        assertThat(query(new EventQuery(null, prefix, recorded.plusSeconds(3600), null, null, null, 100)))
                .isEmpty();
        assertThat(query(new EventQuery(null, prefix.substring(0, 3) + "_", null, null, null, null, 100)))
                .as("'_' in a prefix is a character, not a wildcard")
                .isEmpty();
    }

    @Test
    void snapshotsKeepTheLatestStateOfAStream() throws SQLException {
        String stream = stream();
        append(stream, ExpectedVersion.ANY, NewEvent.of("A", "{}"), NewEvent.of("B", "{}"), NewEvent.of("C", "{}"));
        java.util.Optional<io.mabeam.foundation.events.entity.Snapshot> none =
                inTransaction(c -> log.latestSnapshot(c, stream));
        assertThat(none).isEmpty();
        inTransaction(c -> log.saveSnapshot(c, stream, 0, "{\"count\":1}"));
        inTransaction(c -> log.saveSnapshot(c, stream, 2, "{\"count\":3}"));
        inTransaction(c -> log.saveSnapshot(c, stream, 2, "{\"count\":30}"));
        var latest = inTransaction(c -> log.latestSnapshot(c, stream)).orElseThrow();
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.state()).contains("30");
        assertThatThrownBy(() -> inTransaction(c -> log.saveSnapshot(c, stream, 3, "{}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("its last is 2");
        assertThatThrownBy(() -> inTransaction(c -> log.saveSnapshot(c, stream, 1, "[]")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> inTransaction(c -> log.saveSnapshot(c, stream(), 0, "{}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no events");
    }

    List<RecordedEvent> query(EventQuery query) throws SQLException {
        return inTransaction(c -> log.query(c, query));
    }

    @Test
    void clocksTickPerEventAndCarryOtherNodesHistory() throws SQLException {
        String stream = stream();
        inTransaction(c -> log.append(
                c,
                stream,
                ExpectedVersion.ANY,
                List.of(NewEvent.of("A", "{}"), NewEvent.of("B", "{}")),
                ALICE_ON_A,
                VectorClock.empty()));
        inTransaction(c -> log.append(
                c,
                stream,
                ExpectedVersion.ANY,
                List.of(NewEvent.of("C", "{}")),
                new EventContext("bob", "node-b", null, null),
                VectorClock.empty()));
        List<RecordedEvent> events = read(stream);
        assertThat(events.get(0).clock()).isEqualTo(VectorClock.of(Map.of("node-a", 1L)));
        assertThat(events.get(1).clock()).isEqualTo(VectorClock.of(Map.of("node-a", 2L)));
        assertThat(events.get(2).clock()).isEqualTo(VectorClock.of(Map.of("node-a", 2L, "node-b", 1L)));
        assertThat(events.get(1).clock().happenedBefore(events.get(2).clock())).isTrue();
    }

    GlobalPosition lastPosition() throws SQLException {
        GlobalPosition position = GlobalPosition.START;
        while (true) {
            GlobalPosition from = position;
            List<RecordedEvent> page = inTransaction(c -> log.readAll(c, from, 1000));
            if (page.isEmpty()) {
                return position;
            }
            position = page.get(page.size() - 1).position();
        }
    }

    final SubscriptionLog subscriptions = new SubscriptionLog(log);

    @Test
    void aSubscriptionIsCreatedOnceAndCountsWhatItHasYetToHandle() throws SQLException {
        String stream = stream();
        String name = "sub-" + UUID.randomUUID();
        GlobalPosition before = inTransaction(log::lastPosition);
        var created = inTransaction(c -> subscriptions.create(
                c, name, io.mabeam.foundation.events.entity.Subscription.Kind.CLIENT, "Wanted", stream, before));
        var again = inTransaction(c -> subscriptions.create(
                c,
                name,
                io.mabeam.foundation.events.entity.Subscription.Kind.CLIENT,
                "Other",
                null,
                GlobalPosition.START));
        assertThat(created.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.subscription().type()).isEqualTo("Wanted");
        assertThat(again.subscription().checkpoint()).isEqualTo(before);

        append(stream, ExpectedVersion.ANY, NewEvent.of("Wanted", "{}"), NewEvent.of("Unwanted", "{}"));
        append(stream, ExpectedVersion.ANY, NewEvent.of("Wanted", "{}"));
        append(stream(), ExpectedVersion.ANY, NewEvent.of("Wanted", "{}"));
        settled();
        var status = inTransaction(
                c -> subscriptions.status(c, subscriptions.find(c, name).orElseThrow()));
        assertThat(status.lag()).isEqualTo(2);

        List<RecordedEvent> pending =
                inTransaction(c -> log.query(c, status.subscription().pending(10)));
        assertThat(pending).extracting(RecordedEvent::type).containsExactly("Wanted", "Wanted");
        inTransaction(c -> {
            subscriptions.advance(c, name, pending.get(0).position(), 1);
            return null;
        });
        var advanced = inTransaction(
                c -> subscriptions.status(c, subscriptions.find(c, name).orElseThrow()));
        assertThat(advanced.lag()).isEqualTo(1);
        assertThat(advanced.subscription().delivered()).isEqualTo(1);

        inTransaction(c -> subscriptions.reset(c, name, before));
        assertThat(inTransaction(c -> subscriptions.status(
                                c, subscriptions.find(c, name).orElseThrow()))
                        .lag())
                .isEqualTo(2);
        boolean deleted = inTransaction(c -> subscriptions.delete(c, name));
        java.util.Optional<io.mabeam.foundation.events.entity.Subscription> gone =
                inTransaction(c -> subscriptions.find(c, name));
        assertThat(deleted).isTrue();
        assertThat(gone).isEmpty();
    }

    @Test
    void aSubscriptionLockedByOneTransactionIsSkippedByAnother() throws SQLException {
        String name = "sub-" + UUID.randomUUID();
        inTransaction(c -> subscriptions.create(
                c,
                name,
                io.mabeam.foundation.events.entity.Subscription.Kind.HANDLER,
                null,
                null,
                GlobalPosition.START));
        try (Connection holder = dataSource().getConnection()) {
            holder.setAutoCommit(false);
            assertThat(subscriptions.lock(holder, name, true)).isPresent();
            java.util.Optional<io.mabeam.foundation.events.entity.Subscription> busy =
                    inTransaction(c -> subscriptions.lock(c, name, true));
            assertThat(busy).isEmpty();
            holder.rollback();
        }
        java.util.Optional<io.mabeam.foundation.events.entity.Subscription> free =
                inTransaction(c -> subscriptions.lock(c, name, true));
        assertThat(free).isPresent();
    }

    @Test
    void subscriptionNamesAndFiltersAreChecked() {
        assertThatThrownBy(() -> SubscriptionLog.validate("-starts-badly", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SubscriptionLog.validate("ok", " ", null))
                .isInstanceOf(IllegalArgumentException.class);
        SubscriptionLog.validate("projection.read-model@node-1", "StudyCreated", "study-");
    }

    final EventRetention retention = new EventRetention();

    @Test
    void retentionArchivesOnlyOldEventsNoInterestedSubscriptionStillNeeds() throws SQLException {
        String prefix = "retained-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        String old = prefix + "a";
        append(old, ExpectedVersion.ANY, NewEvent.of("Old", "{\"n\":1}"), NewEvent.of("Old", "{\"n\":2}"));
        append(prefix + "b", ExpectedVersion.ANY, NewEvent.of("Old", "{\"n\":3}"));
        append(stream(), ExpectedVersion.ANY, NewEvent.of("Elsewhere", "{}"));
        settled();
        var policy = new io.mabeam.foundation.events.entity.RetentionPolicy(
                prefix,
                java.time.Duration.ofDays(1),
                io.mabeam.foundation.events.entity.RetentionPolicy.Action.ARCHIVE,
                "alice",
                Instant.now());
        Instant cutoff = Instant.now().plusSeconds(1);

        GlobalPosition afterFirst = read(old).get(0).position();
        String watcher = "retention-watcher-" + UUID.randomUUID();
        inTransaction(c -> subscriptions.create(
                c, watcher, io.mabeam.foundation.events.entity.Subscription.Kind.CLIENT, null, prefix, afterFirst));
        var holder = inTransaction(c -> retention.slowestInterested(c, policy)).orElseThrow();
        assertThat(holder.checkpoint()).isLessThanOrEqualTo(afterFirst);

        EventRetention.Batch held = inTransaction(c -> retention.apply(c, policy, cutoff, afterFirst, 10));
        assertThat(held.events()).isEqualTo(1);
        assertThat(read(old)).extracting(RecordedEvent::version).containsExactly(1L);
        long waiting = inTransaction(c -> retention.remaining(c, policy, cutoff));
        assertThat(waiting).isEqualTo(2);

        inTransaction(c -> subscriptions.delete(c, watcher));
        GlobalPosition end = inTransaction(log::lastPosition);
        EventRetention.Batch rest = inTransaction(c -> retention.apply(c, policy, cutoff, end, 10));
        assertThat(rest.events()).isEqualTo(2);
        assertThat(read(old)).isEmpty();
        assertThat(version(old)).as("the stream keeps its version").isEqualTo(1);
        List<RecordedEvent> archived = inTransaction(c -> retention.archived(c, prefix, 0, 10));
        assertThat(archived)
                .extracting(e -> e.payload().replace(" ", ""))
                .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        assertThat(append(old, ExpectedVersion.exactly(1), NewEvent.of("New", "{}"))
                        .firstVersion())
                .isEqualTo(2);
    }

    @Test
    void singleAppendsWithExactVersionsChainVersionsClocksAndReplays() throws SQLException {
        String stream = stream();
        append(stream, ExpectedVersion.NO_STREAM, NewEvent.of("E", "{\"n\":0}"));
        append(stream, ExpectedVersion.exactly(0), NewEvent.of("E", "{\"n\":1}"));
        NewEvent third = NewEvent.of("E", "{\"n\":2}");
        AppendResult appended = append(stream, ExpectedVersion.exactly(1), third);
        assertThat(appended.firstVersion()).isEqualTo(2);
        assertThat(read(stream)).extracting(e -> e.clock().get("node-a")).containsExactly(1L, 2L, 3L);
        assertThatThrownBy(() -> append(stream, ExpectedVersion.exactly(1), NewEvent.of("E", "{}")))
                .isInstanceOf(WrongExpectedVersion.class);
        AppendResult replayAtHead = append(stream, ExpectedVersion.exactly(2), third);
        AppendResult replayBehind = append(stream, ExpectedVersion.exactly(1), third);
        assertThat(replayAtHead.replayed()).isTrue();
        assertThat(replayAtHead.firstVersion()).isEqualTo(2);
        assertThat(replayBehind.replayed()).isTrue();
        assertThat(version(stream)).isEqualTo(2);
    }

    @Test
    void aRolledBackAppendLeavesNoTraceForTheNextOne() throws SQLException {
        String stream = stream();
        append(stream, ExpectedVersion.NO_STREAM, NewEvent.of("E", "{}"));
        try (Connection connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            log.append(
                    connection,
                    stream,
                    ExpectedVersion.exactly(0),
                    List.of(NewEvent.of("Lost", "{}")),
                    ALICE_ON_A,
                    VectorClock.empty());
            connection.rollback();
        }
        assertThatThrownBy(() -> append(stream, ExpectedVersion.exactly(1), NewEvent.of("E", "{}")))
                .isInstanceOf(WrongExpectedVersion.class);
        assertThat(append(stream, ExpectedVersion.exactly(0), NewEvent.of("E", "{}"))
                        .firstVersion())
                .isEqualTo(1);
        assertThat(append(stream, ExpectedVersion.exactly(1), NewEvent.of("E", "{}"))
                        .firstVersion())
                .isEqualTo(2);
        assertThat(read(stream)).extracting(RecordedEvent::type).containsExactly("E", "E", "E");
    }
}
