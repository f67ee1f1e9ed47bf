package io.mabeam.it;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A real cluster for tests: N Payara Micro nodes with the WAR under test on loopback, joined over TCP under a
 * cluster name of their own, sharing one database. Starts them side by side, waits until every node is ready
 * and sees all members, and can kill a node as a crash would (SIGKILL) or start another.
 */
final class PayaraCluster implements AutoCloseable {

    private final String clusterName =
            "mabeam-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final int firstHazelcastPort;
    private final int size;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final List<PayaraNode> nodes = new ArrayList<>();

    private PayaraCluster(int size, int firstHazelcastPort, Map<String, String> environment, List<String> jvmOptions) {
        this.jvmOptions = jvmOptions;
        this.size = size;
        this.firstHazelcastPort = firstHazelcastPort;
        this.environment = environment;
    }

    /**
     * Starts {@code size} nodes named {@code <prefix>-1…} whose data grid ports begin at
     * {@code firstHazelcastPort}; {@code environment} goes to every node (database, quorum, passwords), and so
     * do {@code jvmOptions} (system properties such as the CP member count).
     */
    static PayaraCluster start(
            String prefix, int size, int firstHazelcastPort, Map<String, String> environment, List<String> jvmOptions)
            throws IOException, InterruptedException {
        PayaraCluster cluster = new PayaraCluster(size + 1, firstHazelcastPort, environment, jvmOptions);
        try {
            for (int i = 1; i <= size; i++) {
                cluster.nodes.add(cluster.launch(prefix + "-" + i, i));
            }
            cluster.awaitMembers(size, Duration.ofMinutes(5));
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private PayaraNode launch(String name, int index) throws IOException {
        String members = IntStream.range(0, size)
                .mapToObj(i -> "127.0.0.1:" + (firstHazelcastPort + i))
                .collect(Collectors.joining(","));
        return PayaraNode.start(
                name,
                clusterName,
                members,
                firstHazelcastPort + index - 1,
                new HashMap<>(environment),
                jvmOptions,
                false);
    }

    /** Starts one more node (the cluster keeps one data grid port spare for it) and waits for it. */
    PayaraNode add(String name) throws IOException, InterruptedException {
        PayaraNode node = launch(name, size);
        nodes.add(node);
        awaitMembers(alive().size(), Duration.ofMinutes(5));
        return node;
    }

    /**
     * Starts a node again under the name of one that was killed or stopped (same ports, a new process: a new
     * data grid member) and waits for it.
     */
    PayaraNode relaunch(String name) throws IOException, InterruptedException {
        PayaraNode gone = node(name);
        if (gone.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        int index = gone.hazelcastPort - firstHazelcastPort + 1;
        PayaraNode node = launch(name, index);
        nodes.add(node);
        awaitMembers(alive().size(), Duration.ofMinutes(5));
        return node;
    }

    /** The nodes still running, in the order they were started. */
    List<PayaraNode> alive() {
        return nodes.stream().filter(PayaraNode::isAlive).toList();
    }

    /** The node of that name started last (a relaunched node replaces the one killed before it). */
    PayaraNode node(String name) {
        return nodes.stream()
                .filter(n -> n.name.equals(name))
                .reduce((earlier, later) -> later)
                .orElseThrow(() -> new IllegalArgumentException("no node " + name));
    }

    /** Waits until every running node is ready and sees {@code count} members. */
    void awaitMembers(int count, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        for (PayaraNode node : alive()) {
            node.awaitReady(Duration.between(Instant.now(), deadline));
        }
        while (Instant.now().isBefore(deadline)) {
            boolean all = true;
            for (PayaraNode node : alive()) {
                all &= membersSeenBy(node) == count;
            }
            if (all) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the nodes did not all see " + count + " members within " + timeout);
    }

    /** The members a node's readiness check reports; -1 before the check is there. */
    static int membersSeenBy(PayaraNode node) {
        Http.Reply ready = new Http(node.base()).get("health/ready", null);
        if (!ready.contentType().startsWith("application/json")) {
            return -1;
        }
        return ready.json().getJsonArray("checks").getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("hazelcast") && check.containsKey("data"))
                .map(check -> Integer.parseInt(check.getJsonObject("data").getString("members", "-1")))
                .findFirst()
                .orElse(-1);
    }

    @Override
    public void close() throws InterruptedException {
        for (PayaraNode node : nodes) {
            node.close();
        }
    }
}
