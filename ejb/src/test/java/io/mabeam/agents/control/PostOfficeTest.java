package io.mabeam.agents.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.agents.control.PostOffice.Delivery;
import io.mabeam.agents.control.PostOffice.Result;
import io.mabeam.agents.control.PostOffice.Status;
import io.mabeam.agents.entity.OverflowPolicy;
import io.mabeam.agents.entity.Supervision;
import io.mabeam.foundation.tasks.entity.RestartStrategy;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' post offices over an in-memory transport that delivers on a thread of its own (as a data grid
 * topic does) and can lose envelopes: answers across nodes, at-least-once delivery through losses, moves and
 * crashes, and de-duplication by message id.
 */
class PostOfficeTest {

    /** Counts what it is sent; {@code {"add": n}} answers the total, {@code {"crashOnce": "key"}} fails once. */
    static class CountingType implements AgentType {

        final AtomicInteger handled = new AtomicInteger();
        final Set<String> crashed = ConcurrentHashMap.newKeySet();
        final CountDownLatch gate = new CountDownLatch(0);

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Set<String> capabilities() {
            return Set.of("count");
        }

        @Override
        public void validate(JsonObject config) {}

        @Override
        public Behavior<?> behavior(JsonObject config, AgentEnvironment environment) {
            return Behaviors.<Counted>setup(context -> (ctx, counted) -> {
                if (counted.crashKey() != null && crashed.add(counted.crashKey())) {
                    throw new IllegalStateException("crash on purpose");
                }
                int total = handled.addAndGet(counted.amount());
                counted.replyTo().tell(Json.createValue(total));
                return Behaviors.same();
            });
        }

        @Override
        public Object message(JsonObject message, AgentRef<JsonValue> replyTo) {
            if (!message.containsKey("add") && !message.containsKey("crashOnce")) {
                throw new IllegalArgumentException("add or crashOnce");
            }
            return new Counted(message.getInt("add", 1), message.getString("crashOnce", null), replyTo);
        }
    }

    record Counted(int amount, String crashKey, AgentRef<JsonValue> replyTo) {}

    /** Envelopes between the nodes, on one thread; {@link #lose} drops the ones it matches. */
    final class Wire implements PostOffice.Transport {

        final ExecutorService carrier = Executors.newSingleThreadExecutor();
        volatile Predicate<Envelope> lose = envelope -> false;
        final Set<String> down = ConcurrentHashMap.newKeySet();

        @Override
        public void send(String node, Envelope envelope) {
            if (down.contains(node)) {
                throw new IllegalStateException("node " + node + " is away");
            }
            String line = envelope.toJson(); // what crosses the wire is text
            if (!lose.test(envelope)) {
                carrier.execute(() -> offices.get(node).receive(Envelope.parse(line)));
            }
        }
    }

    final Map<String, PostOffice> offices = new ConcurrentHashMap<>();
    /** Shared by both nodes, as the data grid's map is. */
    final RecentIdsLog handledLog = new RecentIdsLog(10_000);

    final CountingType type = new CountingType();
    final Wire wire = new Wire();
    ForkJoinPool pool;
    ScheduledThreadPoolExecutor scheduler;
    AgentSystem onB;

    @BeforeEach
    void start() {
        pool = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        scheduler = new ScheduledThreadPoolExecutor(1);
        onB = new AgentSystem(
                pool,
                scheduler,
                new AgentSystem.Listener() {},
                AgentSystem.Settings.defaults(),
                new SplittableRandom(1));
        AgentSystem onA = new AgentSystem(
                pool,
                scheduler,
                new AgentSystem.Listener() {},
                AgentSystem.Settings.defaults(),
                new SplittableRandom(2));
        offices.put("a", office("a", onA));
        offices.put("b", office("b", onB));
    }

    PostOffice office(String node, AgentSystem system) {
        PostOffice.Recipients recipients = agentId -> system.find(agentId).map(ref -> {
            @SuppressWarnings("unchecked")
            AgentRef<Object> agent = (AgentRef<Object>) ref;
            return new PostOffice.Recipient(agent, type);
        });
        return new PostOffice(node, wire, recipients, handledLog);
    }

    @AfterEach
    void stop() throws InterruptedException {
        wire.carrier.shutdownNow();
        onB.close();
        pool.shutdown();
        scheduler.shutdownNow();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    void spawnCounterOnB(int mailbox) {
        onB.spawn(
                "counter",
                type.behavior(JsonValue.EMPTY_JSON_OBJECT, null),
                AgentOptions.DEFAULTS
                        .withSupervision(Supervision.defaults().withRestart(RestartStrategy.PERMANENT))
                        .withMailbox(mailbox, OverflowPolicy.REJECT));
    }

    static JsonObject add(int amount) {
        return Json.createObjectBuilder().add("add", amount).build();
    }

    static Delivery delivery(boolean awaitReply, boolean atLeastOnce, long timeoutMillis) {
        return new Delivery(awaitReply, atLeastOnce, Duration.ofMillis(timeoutMillis), Duration.ofMillis(100));
    }

    @Test
    void aMessageToAnAgentOnAnotherNodeIsAnsweredThere() throws InterruptedException {
        spawnCounterOnB(100);
        Result result =
                offices.get("a").send("m1", "counter", add(5), delivery(true, false, 5_000), PostOffice.at("b"));
        assertThat(result.status()).isEqualTo(Status.HANDLED);
        assertThat(result.reply()).contains(Json.createValue(5));
        Result local = offices.get("b").send("m2", "counter", add(2), delivery(true, false, 5_000), PostOffice.at("b"));
        assertThat(local.reply()).contains(Json.createValue(7));
    }

    @Test
    void atMostOnceToANodeWithoutTheAgentIsUnreachableAndNothingIsRetried() throws InterruptedException {
        spawnCounterOnB(100);
        Result result =
                offices.get("b").send("m1", "counter", add(1), delivery(true, false, 5_000), PostOffice.at("a"));
        assertThat(result.status()).isEqualTo(Status.NOT_RUNNING);
        wire.down.add("b");
        assertThat(offices.get("a")
                        .send("m2", "counter", add(1), delivery(false, false, 5_000), PostOffice.at("b"))
                        .status())
                .isEqualTo(Status.UNREACHABLE);
        assertThat(type.handled).hasValue(0);
        assertThat(offices.get("a").counters().resent()).isZero();
    }

    @Test
    void atLeastOnceSendsAgainUntilHandledWhenEnvelopesAreLost() throws InterruptedException {
        spawnCounterOnB(100);
        AtomicInteger deliveries = new AtomicInteger();
        AtomicInteger acknowledgements = new AtomicInteger();
        // the first two deliveries and the first acknowledgement vanish on the wire
        wire.lose = envelope -> (envelope.kind() == Envelope.Kind.DELIVER && deliveries.getAndIncrement() < 2)
                || (envelope.kind() == Envelope.Kind.ACK && acknowledgements.getAndIncrement() < 1);
        Result result =
                offices.get("a").send("m1", "counter", add(3), delivery(true, true, 10_000), PostOffice.at("b"));
        assertThat(result).isEqualTo(new Result(Status.HANDLED, Optional.of(Json.createValue(3))));
        assertThat(acknowledgements)
                .as("the second acknowledgement said: handled before")
                .hasValue(2);
        assertThat(type.handled).as("handled once, though sent several times").hasValue(3);
        assertThat(offices.get("a").counters().resent()).isGreaterThanOrEqualTo(3);
        assertThat(handledLog.handled("m1")).isTrue();
    }

    @Test
    void aMessageSentAgainUnderTheSameIdIsHandledOnce() throws InterruptedException {
        spawnCounterOnB(100);
        PostOffice a = offices.get("a");
        assertThat(a.send("same", "counter", add(4), delivery(true, true, 5_000), PostOffice.at("b")))
                .isEqualTo(new Result(Status.HANDLED, Optional.of(Json.createValue(4))));
        Result again = a.send("same", "counter", add(4), delivery(true, true, 5_000), PostOffice.at("b"));
        assertThat(again.status()).isEqualTo(Status.DUPLICATE);
        assertThat(again.reply()).as("the answer the agent gave the first time").contains(Json.createValue(4));
        assertThat(type.handled).hasValue(4);
        assertThat(offices.get("b").counters().duplicates()).isEqualTo(1);
    }

    @Test
    void atLeastOnceFollowsTheAgentWhenItIsNotWhereItWasLookedFor() throws InterruptedException {
        spawnCounterOnB(100);
        AtomicInteger lookups = new AtomicInteger();
        PostOffice.Locator moving = agent -> lookups.getAndIncrement() < 2 ? Optional.of("a") : Optional.of("b");
        Result result = offices.get("a").send("m1", "counter", add(1), delivery(false, true, 5_000), moving);
        assertThat(result.status()).isEqualTo(Status.HANDLED);
        assertThat(lookups).hasValueGreaterThanOrEqualTo(3);
        PostOffice.Locator nowhere = agent -> Optional.empty();
        assertThat(offices.get("a")
                        .send("m2", "counter", add(1), delivery(false, true, 300), nowhere)
                        .status())
                .isEqualTo(Status.TIMED_OUT);
        assertThat(type.handled).hasValue(1);
    }

    @Test
    void aMessageWhoseHandlingCrashedTheAgentIsSentAgainToItsNextIncarnation() throws InterruptedException {
        spawnCounterOnB(100);
        JsonObject crashing =
                Json.createObjectBuilder().add("crashOnce", "k").add("add", 1).build();
        Result result =
                offices.get("a").send("m1", "counter", crashing, delivery(true, true, 10_000), PostOffice.at("b"));
        assertThat(result.status()).isEqualTo(Status.HANDLED);
        assertThat(result.reply()).contains(Json.createValue(1));
        assertThat(onB.snapshot("counter").orElseThrow().restarts()).isEqualTo(1);
    }

    @Test
    void aFullMailboxRefusesAndNoAnswerInTimeIsATimeout() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch handling = new CountDownLatch(1);
        onB.spawn(
                "slow",
                Behaviors.<Counted>setup(context -> (ctx, counted) -> {
                    handling.countDown();
                    release.await();
                    return Behaviors.same();
                }),
                AgentOptions.DEFAULTS.withMailbox(1, OverflowPolicy.REJECT));
        PostOffice a = offices.get("a");
        try {
            // the first is taken and blocks the agent, the second waits in the mailbox, the third is refused
            assertThat(a.send("m1", "slow", add(1), delivery(false, false, 1_000), PostOffice.at("b"))
                            .status())
                    .isEqualTo(Status.SENT);
            assertThat(handling.await(5, TimeUnit.SECONDS))
                    .as("the agent took the first")
                    .isTrue();
            assertThat(a.send("m2", "slow", add(1), delivery(false, false, 1_000), PostOffice.at("b"))
                            .status())
                    .isEqualTo(Status.SENT);
            assertThat(a.send("m3", "slow", add(1), delivery(true, false, 2_000), PostOffice.at("b"))
                            .status())
                    .isEqualTo(Status.REFUSED);
        } finally {
            release.countDown();
        }
        long drained = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (onB.snapshot("slow").orElseThrow().processed() < 2 && System.nanoTime() < drained) {
            Thread.sleep(5); // the two taken are handled: the mailbox has room again
        }
        Result unanswered = a.send("m4", "slow", add(1), delivery(true, false, 300), PostOffice.at("b"));
        assertThat(unanswered.status()).isEqualTo(Status.TIMED_OUT);
    }

    @Test
    void aMulticastReachesAgentsOnBothNodesAndNamesThoseThatDidNotAnswer() throws InterruptedException {
        spawnCounterOnB(100);
        AgentSystem onA = new AgentSystem(
                pool,
                scheduler,
                new AgentSystem.Listener() {},
                AgentSystem.Settings.defaults(),
                new SplittableRandom(3));
        try {
            offices.put("a", office("a", onA));
            onA.spawn("local-counter", type.behavior(JsonValue.EMPTY_JSON_OBJECT, null));
            Map<String, String> nodes = new java.util.LinkedHashMap<>();
            nodes.put("counter", "b");
            nodes.put("local-counter", "a");
            nodes.put("ghost", "b");
            Map<String, Result> results =
                    offices.get("a").multicast("mc-1", nodes, add(1), true, Duration.ofSeconds(5));
            assertThat(results.get("counter").status()).isEqualTo(Status.HANDLED);
            assertThat(results.get("local-counter").status()).isEqualTo(Status.HANDLED);
            assertThat(results.get("ghost").status()).isEqualTo(Status.NOT_RUNNING);
            assertThat(type.handled).hasValue(2);
            wire.down.add("b");
            Map<String, Result> fireAndForget =
                    offices.get("a").multicast("mc-2", nodes, add(1), false, Duration.ofSeconds(5));
            assertThat(fireAndForget.get("local-counter").status()).isEqualTo(Status.SENT);
            assertThat(fireAndForget.get("counter").status()).isEqualTo(Status.UNREACHABLE);
            assertThat(offices.get("a").counters().waiting()).isZero();
        } finally {
            onA.close();
        }
    }

    @Test
    void anEnvelopeSurvivesItsTextForm() {
        Envelope deliver = Envelope.deliver("id-1", "agent", "node-a", add(2), true, true);
        assertThat(Envelope.parse(deliver.toJson())).isEqualTo(deliver);
        Envelope ack = Envelope.ack("id-1", "node-b", Envelope.Outcome.DUPLICATE);
        assertThat(Envelope.parse(ack.toJson())).isEqualTo(ack);
        Envelope start = Envelope.start("agent", "node-a");
        assertThat(Envelope.parse(start.toJson())).isEqualTo(start);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Envelope.parse("{\"kind\":\"SHOUT\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
