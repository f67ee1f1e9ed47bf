package io.mabeam.ear;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A full Payara Server (the distribution from Maven Central, unpacked under {@code target/}) driven with
 * its own {@code asadmin}: a throw-away domain on ports 28000+ so it never meets a demo node on 8080.
 */
final class PayaraServer {

    static final int PORT_BASE = 28000;
    static final int HTTP_PORT = PORT_BASE + 80;
    static final int ADMIN_PORT = PORT_BASE + 48;
    static final String DOMAIN = "mabeam-ear-it";

    private final Path home;

    PayaraServer(Path home) {
        if (!Files.isExecutable(home.resolve("bin/asadmin"))) {
            throw new IllegalStateException(
                    "no Payara Server at " + home + " (the ear module's pre-integration-test unpacks it)");
        }
        this.home = home;
    }

    /** Starts a new domain: one left by an earlier run is removed (a forced redeploy over it failed). */
    void start() {
        if (Files.isDirectory(home.resolve("glassfish/domains/" + DOMAIN))) {
            tryToStop(); // a run that died may have left it running
            asadmin(120, "delete-domain", DOMAIN);
        }
        asadmin(120, "create-domain", "--nopassword=true", "--portbase", String.valueOf(PORT_BASE), DOMAIN);
        Path driver = Path.of(System.getProperty("payara.postgresqlJar"));
        try {
            Files.copy(driver, home.resolve("glassfish/domains/" + DOMAIN + "/lib/" + driver.getFileName()));
        } catch (IOException e) {
            throw new IllegalStateException("could not give the domain the PostgreSQL driver", e);
        }
        asadmin(240, "start-domain", DOMAIN);
        // the batch runtime's job repository in the application's database, as docs/training.md describes
        asadmin(
                120,
                "--port",
                String.valueOf(ADMIN_PORT),
                "create-jdbc-connection-pool",
                "--datasourceclassname=org.postgresql.ds.PGSimpleDataSource",
                "--restype=javax.sql.DataSource",
                // connections are checked before use: a database restart must not leave dead ones in the pool
                "--isconnectvalidatereq=true",
                "--validationmethod=custom-validation",
                "--validationclassname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
                "--failconnection=true",
                "--property",
                "user=" + System.getProperty("it.db.user") + ":password=" + System.getProperty("it.db.password")
                        + ":serverName=127.0.0.1:portNumber=5432:databaseName=" + System.getProperty("it.ear.db.name"),
                "mabeam-batch");
        asadmin(
                120,
                "--port",
                String.valueOf(ADMIN_PORT),
                "create-jdbc-resource",
                "--connectionpoolid=mabeam-batch",
                "jdbc/mabeam-batch");
        asadmin(
                120,
                "--port",
                String.valueOf(ADMIN_PORT),
                "set-batch-runtime-configuration",
                "--datasourcelookupname=jdbc/mabeam-batch");
    }

    void deploy(Path archive, String name) {
        asadmin(
                300,
                "--port",
                String.valueOf(ADMIN_PORT),
                "deploy",
                "--force=true",
                "--name",
                name,
                archive.toString());
    }

    void stop() {
        asadmin(120, "stop-domain", DOMAIN);
    }

    private void tryToStop() {
        try {
            stop();
        } catch (IllegalStateException notRunning) {
            // nothing to stop
        }
    }

    private void asadmin(int timeoutSeconds, String... arguments) {
        List<String> command =
                new ArrayList<>(List.of(home.resolve("bin/asadmin").toString(), "--interactive=false"));
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile("asadmin", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "asadmin " + String.join(" ", arguments) + " timed out:\n" + read(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("asadmin " + String.join(" ", arguments) + " failed:\n" + read(output));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run asadmin", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    Path serverLog() {
        return home.resolve("glassfish/domains/" + DOMAIN + "/logs/server.log");
    }
}
