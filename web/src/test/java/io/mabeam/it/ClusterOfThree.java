package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;

/**
 * The base of the ITs on a real cluster: three Payara Micro nodes with the WAR, one PostgreSQL database of the
 * class's own, a quorum of two, and Hazelcast's CP subsystem on Raft with three CP members, as
 * docs/coordination.md advises for real deployments (unsafe mode, the default, is covered by the single-node
 * ITs and the in-JVM tests). Each subclass starts its own cluster in a {@code @BeforeAll}; the cluster is
 * stopped after the class.
 */
abstract class ClusterOfThree {

    static final String PASSWORD = SharedNode.ADMIN_PASSWORD;
    static PayaraCluster cluster;
    static String admin;

    /**
     * Starts nodes {@code <prefix>-1…3}, data grid ports from {@code firstHazelcastPort} (one spare for a fourth
     * node), on the database of {@code databaseUrl}, and issues the admin's token.
     */
    static void startCluster(String prefix, int firstHazelcastPort, String databaseUrl) throws Exception {
        cluster = PayaraCluster.start(
                prefix,
                3,
                firstHazelcastPort,
                Map.of(
                        "MABEAM_DB_URL",
                        databaseUrl,
                        "MABEAM_DB_USER",
                        System.getProperty("it.db.user"),
                        "MABEAM_DB_PASSWORD",
                        System.getProperty("it.db.password"),
                        "MABEAM_DB_DATASOURCE",
                        "org.postgresql.ds.PGSimpleDataSource",
                        "MABEAM_ADMIN_PASSWORD",
                        PASSWORD,
                        "MABEAM_CLUSTER_QUORUM",
                        "2"),
                // as a real deployment of three nodes: Hazelcast's CP subsystem on Raft, not in unsafe mode
                List.of("-Dhazelcast.cp-subsystem.cp-member-count=3"));
        Reply issued = http(prefix + "-1")
                .postJson(
                        "api/v1/tokens",
                        Http.basic("admin", PASSWORD),
                        "{\"name\":\"cluster-it\",\"owner\":\"admin\",\"lifetimeDays\":1}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        admin = "Bearer " + issued.json().getString("secret");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    static Http http(String node) {
        return new Http(cluster.node(node).base());
    }

    static String issueToken(String name) {
        Reply issued = http(cluster.alive().get(0).name)
                .postJson("api/v1/tokens", admin, "{\"name\":\"" + name + "\",\"owner\":\"admin\",\"lifetimeDays\":1}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return "Bearer " + issued.json().getString("secret");
    }

    static List<JsonObject> events(String stream, String type) {
        String node = cluster.alive().get(0).name;
        return http(node)
                .get("api/v1/events?stream=" + stream + "&limit=1000", admin)
                .jsonValue()
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(e -> e.getString("type").equals(type))
                .toList();
    }

    /** A metric summed over the nodes alive. */
    static long sumOfMetric(String name) {
        long sum = 0;
        for (PayaraNode node : cluster.alive()) {
            String metrics =
                    new Http(node.base()).get("metrics?scope=application", null).body();
            sum += metrics.lines()
                    .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        }
        return sum;
    }

    /**
     * What every running node's threads were doing, and the agent table as the first node reads it, written under
     * {@code target/} for a failure to be explained later (the thread dumps by the JDK's {@code jcmd}).
     */
    static void recordState(String why) {
        java.nio.file.Path dir =
                java.nio.file.Path.of("target", "cluster-state", why + "-" + System.currentTimeMillis());
        try {
            java.nio.file.Files.createDirectories(dir);
            String jcmd = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd")
                    .toString();
            for (PayaraNode node : cluster.alive()) {
                new ProcessBuilder(jcmd, Long.toString(node.pid()), "Thread.print")
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve(node.name + "-threads.txt").toFile())
                        .start()
                        .waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            java.nio.file.Files.writeString(
                    dir.resolve("agents.json"),
                    http("cluster-it-1").get("api/v1/agents", admin).body());
            System.out.println("Cluster state recorded in " + dir.toAbsolutePath());
        } catch (java.io.IOException | RuntimeException e) {
            System.out.println("Could not record the cluster's state: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A wait that failed leaves the cluster's state behind ({@link #recordState}). */
    interface Wait<T> {
        T get() throws InterruptedException;
    }

    static <T> T awaitOrRecord(String why, Wait<T> wait) throws InterruptedException {
        try {
            return wait.get();
        } catch (AssertionError e) {
            recordState(why);
            throw e;
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        awaitTrue(condition, timeout, () -> what);
    }

    /** As above, with a message built after the last look (so it can show what was seen). */
    static void awaitTrue(
            java.util.function.BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> what)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within " + timeout + ": " + what.get());
    }

    static JsonObject awaitJson(Http http, String path, Predicate<JsonObject> done, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Reply last = null;
        while (Instant.now().isBefore(deadline)) {
            last = http.get(path, admin);
            if (last.status() == 200 && done.test(last.json())) {
                return last.json();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no answer of " + path + " as wanted within " + timeout + "; last: "
                + (last == null ? "none" : last.status() + " " + last.body()));
    }
}
