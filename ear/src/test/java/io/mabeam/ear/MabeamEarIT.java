package io.mabeam.ear;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The EAR on a full Payara Server: {@code mabeam.ear} as built, deployed with asadmin to the Payara
 * Server distribution from Maven Central, then called over HTTP like any client would.
 */
class MabeamEarIT {

    static PayaraServer server;
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    static final String ADMIN = "Basic "
            + Base64.getEncoder().encodeToString("admin:ear-admin-password-1".getBytes(StandardCharsets.UTF_8));

    @BeforeAll
    static void deployTheEar() {
        server = new PayaraServer(Path.of(System.getProperty("payara.home")));
        server.start();
        server.deploy(Path.of(System.getProperty("mabeam.ear")), "mabeam");
    }

    @AfterAll
    static void stopTheServer() {
        if (server != null) {
            server.stop();
        }
    }

    static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + PayaraServer.HTTP_PORT + path))
                .timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    @Test
    void readyWithMigratedDatabaseAndDataGrid() throws Exception {
        HttpResponse<String> ready = get("/health/ready", null);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("\"database\"").contains("PostgreSQL").contains("\"hazelcast\"");
        assertThat(get("/health/started", null).body()).containsPattern("\"schemaVersion\":\"\\d{3}\"");
    }

    @Test
    void authenticatedEndpointAnswersTheAdmin() throws Exception {
        HttpResponse<String> me = get("/api/v1/me", ADMIN);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(json(me).getString("name")).isEqualTo("admin");
        HttpResponse<String> node = get("/api/v1/node", ADMIN);
        assertThat(json(node).getString("name")).isEqualTo("ear-node");
    }

    @Test
    void unauthenticatedCallIsAProblem() throws Exception {
        HttpResponse<String> denied = get("/api/v1/me", null);
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void batchJobRunsInTheEar() throws Exception {
        HttpResponse<String> started = CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PayaraServer.HTTP_PORT
                                + "/api/v1/jobs/api-token-housekeeping/runs"))
                        .header("Authorization", ADMIN)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long run = json(started).getJsonNumber("id").longValue();
        String status = "STARTING";
        for (int i = 0; i < 120 && (status.equals("STARTING") || status.equals("STARTED")); i++) {
            Thread.sleep(250);
            status = json(get("/api/v1/jobs/runs/" + run, ADMIN)).getString("status");
        }
        assertThat(status).isEqualTo("COMPLETED");
        assertThat(json(get("/api/v1/jobs/runs/" + run, ADMIN)).getString("exitStatus"))
                .startsWith("PURGED ");
    }

    @Test
    void consoleLoginPageIsServed() throws Exception {
        HttpResponse<String> login = get("/console/login.xhtml", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("MABEAM console").contains("login:username");
    }
}
