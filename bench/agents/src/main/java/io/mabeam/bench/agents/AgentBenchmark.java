package io.mabeam.bench.agents;

import com.typesafe.config.ConfigFactory;
import io.mabeam.agents.control.AgentOptions;
import io.mabeam.agents.control.AgentRef;
import io.mabeam.agents.entity.OverflowPolicy;
import io.mabeam.agents.control.AgentSystem;
import io.mabeam.agents.control.Behavior;
import io.mabeam.agents.control.Behaviors;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Our agent runtime against Apache Pekko typed actors, in one JVM, one after the other: spawn N idle agents
 * (agents/s, heap bytes per idle agent after a full GC), fan-out (one message to each agent, each replies to
 * one collector: round trips/s) and ping-pong between two agents (round trips/s).
 *
 * <pre>java … AgentBenchmark [--agents 1000000] [--pingpong 1000000] [--runs mabeam,pekko,pekko-2] [--repeat 3]</pre>
 */
public final class AgentBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int agents = Integer.parseInt(options.getOrDefault("agents", "1000000"));
        int pingPong = Integer.parseInt(options.getOrDefault("pingpong", "1000000"));
        int repeat = Integer.parseInt(options.getOrDefault("repeat", "3"));
        List<String> runs = List.of(options.getOrDefault("runs", "mabeam,pekko,pekko-2").split(","));
        System.out.printf(
                Locale.ROOT,
                "# %d agents, %d ping-pong round trips, best of %d; %s %s, %d cores, max heap %d MiB%n",
                agents,
                pingPong,
                repeat,
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("| runtime | spawn agents/s | heap bytes per idle agent | fan-out round trips/s | ping-pong round trips/s |");
        System.out.println("|---|---|---|---|---|");
        for (String run : runs) {
            Result best = null;
            for (int r = 0; r < repeat; r++) {
                Result result = switch (run.trim()) {
                    case "mabeam" -> mabeam(agents, pingPong);
                    case "pekko" -> pekko(agents, pingPong, false);
                    case "pekko-2" -> pekko(agents, pingPong, true);
                    default -> throw new IllegalArgumentException("runs are mabeam, pekko, pekko-2");
                };
                best = best == null ? result : best.best(result);
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %,.0f | %,.0f | %,.0f | %,.0f |%n",
                    run,
                    best.spawnPerSecond,
                    best.bytesPerAgent,
                    best.fanOutPerSecond,
                    best.pingPongPerSecond);
        }
    }

    record Result(double spawnPerSecond, double bytesPerAgent, double fanOutPerSecond, double pingPongPerSecond) {
        Result best(Result other) {
            return new Result(
                    Math.max(spawnPerSecond, other.spawnPerSecond),
                    Math.min(bytesPerAgent, other.bytesPerAgent),
                    Math.max(fanOutPerSecond, other.fanOutPerSecond),
                    Math.max(pingPongPerSecond, other.pingPongPerSecond));
        }
    }

    // ---- the messages (the same for both runtimes) ----

    /** Fan-out: "reply to the collector". */
    record Ping(Object replyTo) {}

    /** Ping-pong: a ball with the round trips left. */
    record Ball(int left, Object back) {}

    // ---- ours ----

    static Result mabeam(int agents, int pingPong) throws Exception {
        ForkJoinPool executor = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        AgentSystem system = new AgentSystem(
                executor, scheduler, new AgentSystem.Listener() {}, AgentSystem.Settings.defaults(), new Random(1));
        try {
            long before = usedHeap();
            AtomicInteger started = new AtomicInteger();
            Behavior<Ping> idle = Behaviors.setup(context -> {
                started.incrementAndGet();
                return AgentBenchmark::reply;
            });
            long t0 = System.nanoTime();
            List<AgentRef<Ping>> refs = new ArrayList<>(agents);
            for (int i = 0; i < agents; i++) {
                refs.add(system.spawn("a" + i, idle));
            }
            while (started.get() < agents) {
                Thread.onSpinWait();
            }
            double spawnSeconds = (System.nanoTime() - t0) / 1e9;
            double bytes = (usedHeap() - before - (long) agents * 4) / (double) agents; // less the list's slots

            CountDownLatch done = new CountDownLatch(1);
            int[] count = {0};
            // every reply may arrive before the collector handles the first: its mailbox is unbounded, as Pekko's
            AgentRef<Object> collector = system.spawn(
                    "collector",
                    (context, message) -> {
                        if (++count[0] == agents) {
                            done.countDown();
                        }
                        return Behaviors.same();
                    },
                    AgentOptions.DEFAULTS.withMailbox(Integer.MAX_VALUE, OverflowPolicy.REJECT));
            long t1 = System.nanoTime();
            Ping ping = new Ping(collector);
            for (AgentRef<Ping> ref : refs) {
                ref.tell(ping);
            }
            done.await();
            double fanOutSeconds = (System.nanoTime() - t1) / 1e9;

            CompletableFuture<Void> finished = new CompletableFuture<>();
            Behavior<Ball> player = (context, ball) -> {
                if (ball.left() == 0) {
                    finished.complete(null);
                } else {
                    @SuppressWarnings("unchecked")
                    AgentRef<Ball> back = (AgentRef<Ball>) ball.back();
                    back.tell(new Ball(ball.left() - 1, context.self()));
                }
                return Behaviors.same();
            };
            AgentRef<Ball> ping1 = system.spawn("ping", player);
            AgentRef<Ball> pong = system.spawn("pong", player);
            long t2 = System.nanoTime();
            pong.tell(new Ball(2 * pingPong, ping1));
            finished.get(5, TimeUnit.MINUTES);
            double pingPongSeconds = (System.nanoTime() - t2) / 1e9;
            refs.clear();
            return new Result(agents / spawnSeconds, bytes, agents / fanOutSeconds, pingPong / pingPongSeconds);
        } finally {
            system.close();
            scheduler.shutdownNow();
            executor.shutdownNow();
            executor.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    @SuppressWarnings("unchecked")
    static Behavior<Ping> reply(io.mabeam.agents.control.AgentContext<Ping> context, Ping ping) {
        ((AgentRef<Object>) ping.replyTo()).tell(ping);
        return Behaviors.same();
    }

    // ---- Pekko ----

    /** The guardian: spawns children on request and runs the collector. */
    sealed interface Command permits SpawnAll, FanOut, PingPong {}

    record SpawnAll(int count, CountDownLatch started, List<ActorRef<Ping>> refs) implements Command {}

    record FanOut(List<ActorRef<Ping>> refs, CountDownLatch done) implements Command {}

    record PingPong(int roundTrips, CompletableFuture<Void> finished) implements Command {}

    static Result pekko(int agents, int pingPong, boolean twoThreads) throws Exception {
        String config = twoThreads
                ? "pekko.actor.default-dispatcher.fork-join-executor { parallelism-min = 2, parallelism-max = 2 }\n"
                : "";
        config += "pekko.log-dead-letters = off\npekko.loglevel = WARNING\n";
        ActorSystem<Command> system = ActorSystem.create(guardian(), "bench", ConfigFactory.parseString(config)
                .withFallback(ConfigFactory.load()));
        try {
            long before = usedHeap();
            CountDownLatch started = new CountDownLatch(agents);
            List<ActorRef<Ping>> refs = new ArrayList<>(agents);
            long t0 = System.nanoTime();
            system.tell(new SpawnAll(agents, started, refs));
            started.await();
            double spawnSeconds = (System.nanoTime() - t0) / 1e9;
            double bytes = (usedHeap() - before - (long) agents * 4) / (double) agents;

            CountDownLatch done = new CountDownLatch(1);
            long t1 = System.nanoTime();
            system.tell(new FanOut(refs, done));
            done.await();
            double fanOutSeconds = (System.nanoTime() - t1) / 1e9;

            CompletableFuture<Void> finished = new CompletableFuture<>();
            long t2 = System.nanoTime();
            system.tell(new PingPong(pingPong, finished));
            finished.get(5, TimeUnit.MINUTES);
            double pingPongSeconds = (System.nanoTime() - t2) / 1e9;
            refs.clear();
            return new Result(agents / spawnSeconds, bytes, agents / fanOutSeconds, pingPong / pingPongSeconds);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
    }

    static org.apache.pekko.actor.typed.Behavior<Command> guardian() {
        return org.apache.pekko.actor.typed.javadsl.Behaviors.setup(context -> {
            org.apache.pekko.actor.typed.Behavior<Ping> idle = org.apache.pekko.actor.typed.javadsl.Behaviors.receive(
                    (ctx, ping) -> {
                        @SuppressWarnings("unchecked")
                        ActorRef<Ping> replyTo = (ActorRef<Ping>) ping.replyTo();
                        replyTo.tell(ping);
                        return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                    });
            return org.apache.pekko.actor.typed.javadsl.Behaviors.receive((ctx, command) -> {
                if (command instanceof SpawnAll spawn) {
                    for (int i = 0; i < spawn.count(); i++) {
                        spawn.refs().add(ctx.spawn(
                                org.apache.pekko.actor.typed.javadsl.Behaviors.setup(c -> {
                                    spawn.started().countDown();
                                    return idle;
                                }),
                                "a" + i));
                    }
                } else if (command instanceof FanOut fanOut) {
                    int total = fanOut.refs().size();
                    int[] count = {0};
                    ActorRef<Ping> collector = ctx.spawnAnonymous(org.apache.pekko.actor.typed.javadsl.Behaviors.receive(
                            (c, ping) -> {
                                if (++count[0] == total) {
                                    fanOut.done().countDown();
                                }
                                return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                            }));
                    Ping ping = new Ping(collector);
                    for (ActorRef<Ping> ref : fanOut.refs()) {
                        ref.tell(ping);
                    }
                } else if (command instanceof PingPong game) {
                    org.apache.pekko.actor.typed.Behavior<Ball> player =
                            org.apache.pekko.actor.typed.javadsl.Behaviors.receive((c, ball) -> {
                                if (ball.left() == 0) {
                                    game.finished().complete(null);
                                } else {
                                    @SuppressWarnings("unchecked")
                                    ActorRef<Ball> back = (ActorRef<Ball>) ball.back();
                                    back.tell(new Ball(ball.left() - 1, c.getSelf()));
                                }
                                return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                            });
                    ActorRef<Ball> ping = ctx.spawnAnonymous(player);
                    ActorRef<Ball> pong = ctx.spawnAnonymous(player);
                    pong.tell(new Ball(2 * game.roundTrips(), ping));
                }
                return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
            });
        });
    }

    static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
