package io.mabeam.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro node running the WAR under test as its own process, so it can join a data grid (the one of
 * the Arquillian node, or of a {@link PayaraCluster}) and be stopped, or killed, like a real one.
 */
final class PayaraNode implements AutoCloseable {

    private final Process process;
    private final Path log;
    final int httpPort;
    final int hazelcastPort;
    final String name;

    private PayaraNode(Process process, Path log, int httpPort, int hazelcastPort, String name) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.hazelcastPort = hazelcastPort;
        this.name = name;
    }

    /** Starts a node named {@code name} that joins the data grid whose members listen at {@code members}. */
    static PayaraNode start(String name, String clusterName, String members, int hazelcastPort) throws IOException {
        return start(name, clusterName, members, hazelcastPort, Map.of(), List.of(), true);
    }

    /**
     * Starts a node with {@code environment} added to this JVM's (MicroProfile Config reads settings such as
     * {@code MABEAM_CLUSTER_QUORUM} from it) and {@code jvmOptions} before the others' end. Members notice a
     * silent member after 5 s, as with the launcher. A node joining a grid with Payara's default host-aware
     * partition groups (the Arquillian node) must use them too, or it is refused.
     */
    static PayaraNode start(
            String name,
            String clusterName,
            String members,
            int hazelcastPort,
            Map<String, String> environment,
            List<String> jvmOptions,
            boolean joinsHostAwareGrid)
            throws IOException {
        int port = freePort();
        Path log = Files.createTempFile(name, ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", // Deeplearning4j loads its native backend into the heap too: 512m ran out
                "-Dhazelcast.heartbeat.interval.seconds=1",
                "-Dhazelcast.max.no.heartbeat.seconds=5"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar",
                System.getProperty("payara.microJar"),
                "--deploy",
                System.getProperty("mabeam.war"),
                "--contextroot",
                "/",
                "--port",
                String.valueOf(port),
                "--clustermode",
                "tcpip:" + members,
                "--startport",
                String.valueOf(hazelcastPort),
                "--interfaces",
                "127.0.0.1",
                "--clustername",
                clusterName));
        if (!joinsHostAwareGrid) {
            // nodes of one cluster on one host: without this, host-aware partition groups keep no backups
            command.add("--nohostaware");
        }
        String database = environment.getOrDefault("MABEAM_DB_URL", System.getProperty("it.db.url"));
        command.addAll(List.of(
                "--postbootcommandfile",
                batchRepository(name, database).toString(),
                "--addLibs",
                System.getProperty("payara.postgresqlJar")));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MABEAM_NODE_NAME", name);
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        builder.environment().putAll(environment);
        return new PayaraNode(builder.start(), log, port, hazelcastPort, name);
    }

    /** Boot commands that put the node's batch repository in its database, as the launcher does. */
    private static Path batchRepository(String name, String databaseUrl) throws IOException {
        String escaped = databaseUrl.replaceAll("([:=])", "\\\\$1");
        Path file = Files.createTempFile(name, ".postboot");
        Files.writeString(
                file,
                "create-jdbc-connection-pool --datasourceclassname=org.postgresql.ds.PGSimpleDataSource"
                        + " --restype=javax.sql.DataSource --isconnectvalidatereq=true --validationmethod=custom-validation --validationclassname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation --failconnection=true --property user="
                        + System.getProperty("it.db.user")
                        + ":password=" + System.getProperty("it.db.password") + ":url=" + escaped + " mabeam-batch\n"
                        + "create-jdbc-resource --connectionpoolid=mabeam-batch jdbc/mabeam-batch\n"
                        + "set-batch-runtime-configuration --datasourcelookupname=jdbc/mabeam-batch\n");
        return file;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + httpPort + "/");
    }

    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Http http = new Http(base());
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting:\n" + tail());
            }
            try {
                if (http.get("health/ready", null).status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYetListening) {
                // the HTTP listener is not up yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + tail());
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Ends the node at once, as a crash would (SIGKILL): no shutdown hooks, no goodbye to the cluster. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
