package io.mabeam.bench.agents;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.mabeam.agents.control.AgentRef;
import io.mabeam.agents.control.AgentSystem;
import io.mabeam.agents.control.AgentType;
import io.mabeam.agents.control.AgentTypes;
import io.mabeam.agents.control.Envelope;
import io.mabeam.agents.control.PostOffice;
import io.mabeam.agents.control.Routes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The message round trip between two nodes without the REST API in the way: two Hazelcast members in this JVM,
 * joined over TCP on loopback as Payara's data grid joins, each with an agent system and a post office reading
 * its own topic — the platform's wiring, minus the container. From node a, {@code n} asks of an echo agent on
 * node a (same node) and on node b (cross node), at most once and at least once (with the shared handled
 * log), interleaved so that all four see the same machine.
 *
 * <p>{@code java … CrossNodeLatency [n=20000]}
 */
public final class CrossNodeLatency {

    record Node(String name, HazelcastInstance grid, AgentSystem system, PostOffice office) {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        ForkJoinPool pool = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        Node a = node("a", 5901, pool, scheduler);
        Node b = node("b", 5902, pool, scheduler);
        try {
            while (a.grid().getCluster().getMembers().size() < 2) {
                Thread.sleep(100);
            }
            AgentType echo = AgentTypes.of(new Routes(a.system()), List.of()).find("echo").orElseThrow();
            a.system().spawn("echo-a", echo.behavior(JsonObject.EMPTY_JSON_OBJECT, null));
            b.system().spawn("echo-b", echo.behavior(JsonObject.EMPTY_JSON_OBJECT, null));
            JsonObject message = Json.createObjectBuilder().add("ping", 1).build();
            String[] labels = {
                "same node, at most once ", "cross node, at most once", "same node, at least once", "cross node, at least once"
            };
            long[][] micros = new long[4][n];
            int warm = Math.min(5_000, n);
            for (int i = -warm; i < n; i++) {
                for (int kind = 0; kind < 4; kind++) {
                    boolean atLeastOnce = kind >= 2;
                    boolean cross = kind % 2 == 1;
                    long start = System.nanoTime();
                    PostOffice.Result result = a.office()
                            .send(
                                    "m-" + kind + "-" + i,
                                    cross ? "echo-b" : "echo-a",
                                    message,
                                    new PostOffice.Delivery(true, atLeastOnce, Duration.ofSeconds(5), Duration.ofSeconds(1)),
                                    PostOffice.at(cross ? "b" : "a"));
                    long elapsed = (System.nanoTime() - start) / 1000;
                    if (result.status() != PostOffice.Status.HANDLED || result.reply().isEmpty()) {
                        throw new IllegalStateException(labels[kind] + ": " + result);
                    }
                    if (i >= 0) {
                        micros[kind][i] = elapsed;
                    }
                }
            }
            System.out.printf("%d asks each, after %d warm-up rounds; round trip from node a's post office (µs)%n", n, warm);
            for (int kind = 0; kind < 4; kind++) {
                long[] m = micros[kind];
                Arrays.sort(m);
                System.out.printf(
                        "%s  median %5d  p90 %5d  p99 %6d  max %7d%n",
                        labels[kind], m[n / 2], m[n * 9 / 10], m[n * 99 / 100], m[n - 1]);
            }
            System.out.printf("node a counters: %s%nnode b counters: %s%n", a.office().counters(), b.office().counters());
        } finally {
            a.system().close();
            b.system().close();
            Hazelcast.shutdownAll();
            pool.shutdown();
            scheduler.shutdownNow();
        }
    }

    static Node node(String name, int port, ForkJoinPool pool, ScheduledThreadPoolExecutor scheduler) {
        Config config = new Config().setClusterName("mabeam-bench-cross-node").setInstanceName("bench-" + name);
        config.setProperty("hazelcast.logging.type", "none");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:5901").addMember("127.0.0.1:5902");
        HazelcastInstance grid = Hazelcast.newHazelcastInstance(config);
        AgentSystem system = new AgentSystem(
                pool, scheduler, new AgentSystem.Listener() {}, AgentSystem.Settings.defaults(), new SplittableRandom(1));
        IMap<String, String> handled = grid.getMap("mabeam.agents.handled");
        AgentType echo = AgentTypes.of(new Routes(system), List.of()).find("echo").orElseThrow();
        PostOffice.Recipients recipients = agentId -> system.find(agentId).map(ref -> {
            @SuppressWarnings("unchecked")
            AgentRef<Object> agent = (AgentRef<Object>) ref;
            return new PostOffice.Recipient(agent, echo);
        });
        PostOffice.HandledLog log = new PostOffice.HandledLog() {
            @Override
            public boolean handled(String messageId) {
                return handled.containsKey(messageId);
            }

            @Override
            public void record(String messageId, String agentId) {
                handled.setAsync(messageId, agentId, 1, TimeUnit.HOURS);
            }

            @Override
            public void answered(String messageId, jakarta.json.JsonValue answer) {
                handled.setAsync("answer:" + messageId, answer.toString(), 1, TimeUnit.HOURS);
            }
        };
        PostOffice office = new PostOffice(
                name,
                (target, envelope) -> grid.<String>getTopic("mabeam.agents.inbox." + target).publish(envelope.toJson()),
                recipients,
                log);
        // as AgentCluster does: acknowledged deliveries read the shared log, so not on the grid's event thread
        grid.<String>getTopic("mabeam.agents.inbox." + name).addMessageListener(message -> {
            Envelope envelope = Envelope.parse(message.getMessageObject());
            if (envelope.kind() == Envelope.Kind.DELIVER && envelope.acknowledged()) {
                pool.execute(() -> office.receive(envelope));
            } else {
                office.receive(envelope);
            }
        });
        return new Node(name, grid, system, office);
    }

    private CrossNodeLatency() {}
}
