package io.mabeam.agents.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.agents.entity.AgentState;
import io.mabeam.agents.entity.OverflowPolicy;
import io.mabeam.agents.entity.Supervision;
import io.mabeam.agents.entity.SupervisionStrategy;
import io.mabeam.foundation.tasks.entity.RestartStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentSystemTest {

    /** A counter's protocol: add, ask the total, or fail on purpose. */
    sealed interface Counter permits Add, Total, Crash {}

    record Add(int amount) implements Counter {}

    record Total(AgentRef<Integer> replyTo) implements Counter {}

    record Crash(String why) implements Counter {}

    /** A counter whose total starts at zero on every (re)start; it reports each start to {@code starts}. */
    static Behavior<Counter> counter(String name, BlockingQueue<String> starts) {
        return Behaviors.setup(context -> {
            starts.add(name);
            int[] total = {0};
            return (ctx, message) -> {
                if (message instanceof Add add) {
                    total[0] += add.amount();
                } else if (message instanceof Total ask) {
                    ask.replyTo().tell(total[0]);
                } else if (message instanceof Crash crash) {
                    throw new IllegalStateException(crash.why());
                }
                return Behaviors.same();
            };
        });
    }

    final List<String> transitions = java.util.Collections.synchronizedList(new ArrayList<>());
    final BlockingQueue<String> deadLetters = new LinkedBlockingQueue<>();
    final BlockingQueue<String> givenUp = new LinkedBlockingQueue<>();
    ForkJoinPool executor;
    ScheduledThreadPoolExecutor scheduler;
    AgentSystem system;

    @BeforeEach
    void start() {
        executor = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        scheduler = new ScheduledThreadPoolExecutor(1);
        system = system(AgentSystem.Settings.defaults());
    }

    AgentSystem system(AgentSystem.Settings settings) {
        return new AgentSystem(
                executor,
                scheduler,
                new AgentSystem.Listener() {
                    @Override
                    public void changed(AgentRef<?> agent, AgentState from, AgentState to, String reason) {
                        transitions.add(agent.id() + ":" + to);
                    }

                    @Override
                    public void deadLetter(AgentRef<?> agent, Object message, String reason) {
                        deadLetters.add(agent.id() + ":" + message + ":" + reason);
                    }

                    @Override
                    public void gaveUp(AgentRef<?> agent, String reason) {
                        givenUp.add(agent.id() + ":" + reason);
                    }
                },
                settings,
                new Random(1));
    }

    @AfterEach
    void stop() {
        system.close();
        scheduler.shutdownNow();
        executor.shutdownNow();
    }

    static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static int total(AgentRef<Counter> counter) throws Exception {
        return await(counter.ask(Total::new, Duration.ofSeconds(5)));
    }

    static final Supervision QUICK = Supervision.defaults().withBackoff(Duration.ZERO, Duration.ZERO);

    @Test
    void anAgentHandlesItsMessagesInTheOrderTheyWereSentAndAnswersAsks() throws Exception {
        BlockingQueue<String> starts = new LinkedBlockingQueue<>();
        AgentRef<Counter> counter = system.spawn("counter", counter("counter", starts));
        for (int i = 1; i <= 1000; i++) {
            assertThat(counter.tell(new Add(i))).isTrue();
        }
        assertThat(total(counter)).isEqualTo(500_500);
        awaitCondition(() -> system.snapshot("counter").orElseThrow().processed() == 1001);
        assertThat(system.snapshot("counter").orElseThrow().meanMicros()).isPositive();
        assertThat(transitions).containsSubsequence("counter:STARTING", "counter:RUNNING");
    }

    @Test
    void manyAgentsShareTwoThreads() throws Exception {
        List<AgentRef<Counter>> counters = new ArrayList<>();
        BlockingQueue<String> starts = new LinkedBlockingQueue<>();
        for (int i = 0; i < 10_000; i++) {
            AgentRef<Counter> counter = system.spawn("c" + i, counter("c" + i, starts));
            counter.tell(new Add(i));
            counters.add(counter);
        }
        long sum = 0;
        for (AgentRef<Counter> counter : counters) {
            sum += total(counter);
        }
        assertThat(sum).isEqualTo(10_000L * 9_999 / 2);
        assertThat(executor.getPoolSize()).isLessThanOrEqualTo(2);
        assertThat(system.size()).isEqualTo(10_000);
    }

    @Test
    void anAskWithoutAReplyTimesOutAndAStoppedAgentRefusesMessages() throws Exception {
        AgentRef<Counter> silent = system.spawn("silent", (context, message) -> Behaviors.same());
        assertThatThrownBy(() -> await(silent.ask(Total::new, Duration.ofMillis(50))))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(system.stop("silent")).isTrue();
        awaitState("silent", AgentState.STOPPED);
        assertThat(silent.tell(new Add(1))).isFalse();
        assertThat(deadLetters.poll(5, TimeUnit.SECONDS)).startsWith("silent:Add[amount=1]:stopped");
        assertThatThrownBy(() -> await(silent.ask(Total::new, Duration.ofSeconds(5))))
                .hasCauseInstanceOf(AgentRef.MessageRefused.class);
        assertThat(system.find("silent")).isEmpty();
    }

    @Test
    void aFullMailboxRefusesOrDropsTheOldest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        List<Integer> handled = java.util.Collections.synchronizedList(new ArrayList<>());
        Behavior<Integer> slow = (context, message) -> {
            busy.countDown();
            release.await();
            handled.add(message);
            return Behaviors.same();
        };
        AgentRef<Integer> refusing =
                system.spawn("refusing", slow, AgentOptions.DEFAULTS.withMailbox(3, OverflowPolicy.REJECT));
        refusing.tell(0);
        busy.await(5, TimeUnit.SECONDS); // 0 is being handled; the mailbox is empty again
        assertThat(List.of(refusing.tell(1), refusing.tell(2), refusing.tell(3), refusing.tell(4)))
                .containsExactly(true, true, true, false);
        assertThat(deadLetters.poll(5, TimeUnit.SECONDS)).isEqualTo("refusing:4:mailbox full");
        release.countDown();
        awaitCondition(() -> handled.size() == 4);
        assertThat(handled).containsExactly(0, 1, 2, 3);

        CountDownLatch release2 = new CountDownLatch(1);
        CountDownLatch busy2 = new CountDownLatch(1);
        List<Integer> latest = java.util.Collections.synchronizedList(new ArrayList<>());
        AgentRef<Integer> dropping = system.spawn(
                "dropping",
                (context, message) -> {
                    busy2.countDown();
                    release2.await();
                    latest.add(message);
                    return Behaviors.same();
                },
                AgentOptions.DEFAULTS.withMailbox(2, OverflowPolicy.DROP_OLDEST));
        dropping.tell(0);
        busy2.await(5, TimeUnit.SECONDS);
        for (int i = 1; i <= 5; i++) {
            assertThat(dropping.tell(i)).isTrue();
        }
        release2.countDown();
        awaitCondition(() -> latest.size() == 3);
        assertThat(latest).containsExactly(0, 4, 5);
    }

    @Test
    void stashedMessagesComeBackInOrderBeforeNewOnes() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        Behavior<String> gate = Behaviors.setup(context -> new Behavior<>() {
            boolean open;

            @Override
            public Behavior<String> receive(AgentContext<String> ctx, String message) {
                if (message.equals("open")) {
                    open = true;
                    ctx.unstashAll();
                } else if (!open) {
                    ctx.stash(message);
                } else {
                    seen.add(message);
                }
                return Behaviors.same();
            }
        });
        AgentRef<String> agent = system.spawn("gate", gate);
        agent.tell("a");
        agent.tell("b");
        agent.tell("open");
        agent.tell("c");
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            order.add(seen.poll(5, TimeUnit.SECONDS));
        }
        assertThat(order).containsExactly("a", "b", "c");
    }

    @Test
    void timersSendOnceOrPeriodicallyUntilCancelled() throws Exception {
        BlockingQueue<String> ticks = new LinkedBlockingQueue<>();
        AgentRef<String> agent = system.spawn("timed", Behaviors.setup(context -> {
            context.startTimer("once", "once", Duration.ofMillis(20));
            context.startPeriodicTimer("tick", "tick", Duration.ofMillis(10));
            return (ctx, message) -> {
                ticks.add(message);
                if (message.equals("tick")
                        && ticks.stream().filter("tick"::equals).count() >= 3) {
                    ctx.cancelTimer("tick");
                }
                return Behaviors.same();
            };
        }));
        awaitCondition(() ->
                ticks.contains("once") && ticks.stream().filter("tick"::equals).count() >= 3);
        Thread.sleep(100);
        long after = ticks.stream().filter("tick"::equals).count();
        Thread.sleep(100);
        assertThat(ticks.stream().filter("tick"::equals).count()).isEqualTo(after);
        assertThat(agent.id()).isEqualTo("timed");
    }

    @Test
    void aFailedAgentRestartsWithFreshStateAndKeepsItsMailbox() throws Exception {
        BlockingQueue<String> starts = new LinkedBlockingQueue<>();
        AgentRef<Counter> counter =
                system.spawn("phoenix", counter("phoenix", starts), AgentOptions.DEFAULTS.withSupervision(QUICK));
        counter.tell(new Add(5));
        counter.tell(new Crash("on purpose"));
        counter.tell(new Add(7));
        assertThat(total(counter)).isEqualTo(7);
        assertThat(starts).containsExactly("phoenix", "phoenix");
        assertThat(system.snapshot("phoenix").orElseThrow().restarts()).isEqualTo(1);
        assertThat(transitions)
                .containsSubsequence("phoenix:RUNNING", "phoenix:FAILED", "phoenix:STARTING", "phoenix:RUNNING");
    }

    /** A supervisor with three counter children a, b, c (in that order), by {@code strategy}. */
    AgentRef<String> supervisor(
            String name,
            SupervisionStrategy strategy,
            BlockingQueue<String> starts,
            List<AgentRef<Counter>> children,
            Supervision childSupervision,
            int maxRestarts) {
        Supervision own = QUICK.withStrategy(strategy).withIntensity(maxRestarts, Duration.ofMinutes(1));
        return system.spawn(
                name,
                Behaviors.setup(context -> {
                    starts.add(name);
                    children.clear();
                    for (String child : List.of("a", "b", "c")) {
                        children.add(context.spawn(
                                name + "/" + child,
                                counter(child, starts),
                                AgentOptions.DEFAULTS.withSupervision(childSupervision)));
                    }
                    return (ctx, message) -> Behaviors.same();
                }),
                AgentOptions.DEFAULTS.withSupervision(own));
    }

    /**
     * A supervisor's three counters a, b, c, each at 1 (answered, so nothing is still queued when b fails), with
     * {@code starts} cleared of their first starts.
     */
    List<AgentRef<Counter>> countersAtOne(String name, SupervisionStrategy strategy, BlockingQueue<String> starts)
            throws Exception {
        List<AgentRef<Counter>> kids = new ArrayList<>();
        supervisor(name, strategy, starts, kids, QUICK, 10);
        awaitCondition(() -> starts.size() == 4);
        starts.clear();
        for (AgentRef<Counter> kid : kids) {
            kid.tell(new Add(1));
            assertThat(total(kid)).isEqualTo(1);
        }
        return kids;
    }

    @Test
    void oneForOneRestartsOnlyTheFailedChild() throws Exception {
        BlockingQueue<String> starts = new LinkedBlockingQueue<>();
        List<AgentRef<Counter>> kids = countersAtOne("one", SupervisionStrategy.ONE_FOR_ONE, starts);
        kids.get(1).tell(new Crash("b fails"));
        assertThat(total(kids.get(1))).isZero();
        assertThat(total(kids.get(0))).isEqualTo(1);
        assertThat(total(kids.get(2))).isEqualTo(1);
        assertThat(starts).containsExactly("b");
    }

    @Test
    void oneForAllRestartsEveryChild() throws Exception {
        BlockingQueue<String> starts = new LinkedBlockingQueue<>();
        List<AgentRef<Counter>> kids = countersAtOne("all", SupervisionStrategy.ONE_FOR_ALL, starts);
        kids.get(1).tell(new Crash("b fails"));
        awaitCondition(() -> starts.size() == 3);
        for (AgentRef<Counter> kid : kids) {
            assertThat(total(kid)).isZero();
        }
        assertThat(starts).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void restForOneRestartsTheFailedChildAndThoseStartedAfterIt() throws Exception {
        BlockingQueue<String> starts = new LinkedBlockingQueue<>();
        List<AgentRef<Counter>> kids = countersAtOne("rest", SupervisionStrategy.REST_FOR_ONE, starts);
        kids.get(1).tell(new Crash("b fails"));
        awaitCondition(() -> starts.size() == 2);
        assertThat(total(kids.get(0))).isEqualTo(1);
        assertThat(total(kids.get(1))).isZero();
        assertThat(total(kids.get(2))).isZero();
        assertThat(starts).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void tooManyRestartsEscalateToTheSupervisorsSupervisor() throws Exception {
        BlockingQueue<String> starts = new LinkedBlockingQueue<>();
        List<AgentRef<Counter>> kids = new ArrayList<>();
        supervisor("fragile", SupervisionStrategy.ONE_FOR_ONE, starts, kids, QUICK, 2);
        awaitCondition(() -> starts.size() == 4);
        starts.clear();
        for (int i = 0; i < 3; i++) {
            AgentRef<Counter> b = kids.get(1);
            b.tell(new Crash("again " + i));
            if (i < 2) {
                awaitCondition(() -> starts.contains("b"));
                starts.clear();
            }
        }
        // the third failure exceeds 2 restarts a minute: the supervisor fails, the system restarts it, and its
        // setup starts all three children afresh
        awaitCondition(() -> starts.containsAll(List.of("fragile", "a", "b", "c")));
        assertThat(transitions).contains("fragile:FAILED");
        assertThat(system.snapshot("fragile").orElseThrow().restarts()).isEqualTo(1);
    }

    @Test
    void restartStrategiesDecideWhoComesBack() throws Exception {
        BlockingQueue<String> starts = new LinkedBlockingQueue<>();
        AgentRef<Counter> temporary = system.spawn(
                "temporary",
                counter("temporary", starts),
                AgentOptions.DEFAULTS.withSupervision(QUICK.withRestart(RestartStrategy.TEMPORARY)));
        temporary.tell(new Crash("once"));
        awaitState("temporary", AgentState.STOPPED);
        assertThat(system.find("temporary")).isEmpty();

        Behavior<String> quitter = Behaviors.setup(context -> {
            starts.add(context.id());
            return (ctx, message) -> message.equals("quit") ? Behaviors.stopped() : Behaviors.same();
        });
        AgentRef<String> permanent = system.spawn("permanent", quitter, AgentOptions.DEFAULTS.withSupervision(QUICK));
        AgentRef<String> transientOne = system.spawn(
                "transient",
                quitter,
                AgentOptions.DEFAULTS.withSupervision(QUICK.withRestart(RestartStrategy.TRANSIENT)));
        awaitCondition(() -> starts.contains("permanent") && starts.contains("transient"));
        starts.clear();
        permanent.tell("quit");
        transientOne.tell("quit");
        awaitCondition(() -> starts.contains("permanent"));
        awaitState("transient", AgentState.STOPPED);
        assertThat(starts).containsExactly("permanent");
        assertThat(system.find("permanent")).isPresent();
        assertThat(system.find("transient")).isEmpty();
    }

    @Test
    void aTopLevelAgentThatKeepsFailingIsGivenUpAndItsSiblingsCarryOn() throws Exception {
        BlockingQueue<String> starts = new LinkedBlockingQueue<>();
        AgentRef<Counter> doomed = system.spawn(
                "doomed",
                counter("doomed", starts),
                AgentOptions.DEFAULTS.withSupervision(QUICK.withIntensity(3, Duration.ofMinutes(1))));
        AgentRef<Counter> sibling = system.spawn("sibling", counter("sibling", starts));
        sibling.tell(new Add(2));
        for (int i = 0; i < 4; i++) {
            doomed.tell(new Crash("failure " + i));
        }
        assertThat(givenUp.poll(5, TimeUnit.SECONDS)).startsWith("doomed:gave up after 3 restarts");
        assertThat(doomed.tell(new Add(1))).isFalse();
        assertThat(total(sibling)).isEqualTo(2);
        assertThat(system.gaveUp()).isEqualTo(1);
    }

    @Test
    void restartsBackOffExponentially() throws Exception {
        List<Long> startedAt = java.util.Collections.synchronizedList(new ArrayList<>());
        Supervision backingOff = Supervision.defaults().withBackoff(Duration.ofMillis(40), Duration.ofSeconds(1));
        AgentRef<String> agent = system.spawn(
                "slowpoke",
                Behaviors.setup(context -> {
                    startedAt.add(System.nanoTime());
                    return (ctx, message) -> {
                        throw new IllegalStateException(message);
                    };
                }),
                AgentOptions.DEFAULTS.withSupervision(backingOff));
        awaitCondition(() -> startedAt.size() == 1);
        for (int i = 0; i < 3; i++) {
            int expected = i + 2;
            agent.tell("fail " + i);
            awaitCondition(() -> startedAt.size() == expected);
        }
        // backoff 40 ms, 80 ms, 160 ms less up to 20 % jitter; a scheduler never fires early
        long first = startedAt.get(1) - startedAt.get(0);
        long second = startedAt.get(2) - startedAt.get(1);
        long third = startedAt.get(3) - startedAt.get(2);
        assertThat(TimeUnit.NANOSECONDS.toMillis(first)).isGreaterThanOrEqualTo(32);
        assertThat(TimeUnit.NANOSECONDS.toMillis(second)).isGreaterThanOrEqualTo(64);
        assertThat(TimeUnit.NANOSECONDS.toMillis(third)).isGreaterThanOrEqualTo(128);
    }

    @Test
    void aRunawayMessageGetsItsAgentStoppedAndReported() throws Exception {
        system.close();
        system = system(new AgentSystem.Settings(16, Duration.ofMillis(100)));
        CountDownLatch interrupted = new CountDownLatch(1);
        AgentRef<String> runaway = system.spawn("runaway", (context, message) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return Behaviors.same();
        });
        BlockingQueue<String> starts = new LinkedBlockingQueue<>();
        AgentRef<Counter> neighbour = system.spawn("neighbour", counter("neighbour", starts));
        runaway.tell("spin");
        assertThat(givenUp.poll(5, TimeUnit.SECONDS)).startsWith("runaway:runaway");
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        neighbour.tell(new Add(3));
        assertThat(total(neighbour)).isEqualTo(3);
        awaitState("runaway", null);
        assertThat(runaway.tell("more")).isFalse();
    }

    @Test
    void aSuspendedAgentKeepsItsMessagesUntilResumed() throws Exception {
        BlockingQueue<String> starts = new LinkedBlockingQueue<>();
        AgentRef<Counter> counter = system.spawn("sleeper", counter("sleeper", starts));
        counter.tell(new Add(1));
        assertThat(total(counter)).isEqualTo(1);
        assertThat(system.suspend("sleeper")).isTrue();
        awaitState("sleeper", AgentState.SUSPENDED);
        counter.tell(new Add(2));
        java.util.concurrent.CompletionStage<Integer> pending = counter.ask(Total::new, Duration.ofSeconds(10));
        Thread.sleep(50);
        assertThat(pending.toCompletableFuture().isDone()).isFalse();
        assertThat(system.snapshot("sleeper").orElseThrow().mailbox()).isEqualTo(2);
        assertThat(system.resume("sleeper")).isTrue();
        assertThat(await(pending)).isEqualTo(3);
        assertThat(system.suspend("nobody")).isFalse();
    }

    @Test
    void idsAreCheckedAndUnique() {
        system.spawn("unique", (context, message) -> Behaviors.same());
        assertThatThrownBy(() -> system.spawn("unique", (context, message) -> Behaviors.same()))
                .isInstanceOf(AgentSystem.DuplicateAgent.class);
        assertThatThrownBy(() -> system.spawn(" bad id", (context, message) -> Behaviors.same()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> system.spawn("", (context, message) -> Behaviors.same()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    void awaitState(String id, AgentState state) throws InterruptedException {
        awaitCondition(() -> state == null
                ? system.snapshot(id).isEmpty()
                : system.snapshot(id).map(s -> s.state() == state).orElse(state == AgentState.STOPPED));
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(2);
        }
    }
}
