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

    static HttpResponse<String> send(String method, String path, String json) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PayaraServer.HTTP_PORT + path))
                        .header("Authorization", ADMIN)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The Foundation's parts that cross module lines in an EAR: CDI subscribers, the ConfigSource, the grid. */
    @Test
    void foundationComponentsWorkAcrossTheEarsModules() throws Exception {
        String subscriptions = get("/api/v1/subscriptions", ADMIN).body();
        assertThat(subscriptions).contains("foundation.event-type-counts").contains("foundation.config-cache@ear-node");
        HttpResponse<String> appended =
                send("POST", "/api/v1/events/streams/ear-check", "{\"type\":\"EarChecked\",\"payload\":{}}");
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(201);
        String types = "";
        for (int i = 0; i < 100 && !types.contains("EarChecked"); i++) {
            Thread.sleep(100);
            types = get("/api/v1/events/types", ADMIN).body();
        }
        assertThat(types).contains("EarChecked");

        assertThat(send("PUT", "/api/v1/config/mabeam.health.max-heap-ratio", "{\"value\":0.96}")
                        .statusCode())
                .isEqualTo(200);
        String source = "";
        for (int i = 0; i < 100 && !source.contains("0.96"); i++) {
            Thread.sleep(100);
            source = json(get("/api/v1/config/mabeam.health.max-heap-ratio", ADMIN))
                    .getJsonObject("effective")
                    .toString();
        }
        assertThat(source).contains("\"value\":\"0.96\"").contains("mabeam-config-server");

        assertThat(send("POST", "/api/v1/registry/ear", "{\"name\":\"ear-service\",\"kind\":\"service\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(json(get("/api/v1/registry/ear/ear-service", ADMIN)).getString("ownerNode"))
                .isEqualTo("ear-node");
        assertThat(json(get("/api/v1/health", ADMIN)).getString("level")).isIn("HEALTHY", "DEGRADED");
    }

    /** Credits, an auction settled by its rule and a proposal a voter agent is asked about, on Payara Server. */
    @Test
    void auctionsAndProposalsWorkInTheEar() throws Exception {
        String suffix = Long.toString(System.nanoTime());
        assertThat(send("POST", "/api/v1/accounts", "{\"kind\":\"study\",\"owner\":\"ear-seller-" + suffix + "\"}")
                        .statusCode())
                .isEqualTo(201);
        for (String bidder : new String[] {"ear-a-" + suffix, "ear-b-" + suffix}) {
            assertThat(send("POST", "/api/v1/accounts", "{\"kind\":\"agent\",\"owner\":\"" + bidder + "\"}")
                            .statusCode())
                    .isEqualTo(201);
            assertThat(send("POST", "/api/v1/accounts/agent:" + bidder + "/deposits", "{\"amount\":10}")
                            .statusCode())
                    .isEqualTo(201);
        }
        HttpResponse<String> opened = send(
                "POST",
                "/api/v1/auctions",
                "{\"kind\":\"vickrey\",\"item\":\"slot\",\"seller\":\"study:ear-seller-" + suffix
                        + "\",\"duration\":\"PT5M\"}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String auction = json(opened).getString("id");
        assertThat(send(
                                "POST",
                                "/api/v1/auctions/" + auction + "/bids",
                                "{\"bidder\":\"agent:ear-a-" + suffix + "\",\"price\":5}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(send(
                                "POST",
                                "/api/v1/auctions/" + auction + "/bids",
                                "{\"bidder\":\"agent:ear-b-" + suffix + "\",\"price\":3}")
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> closed = send("POST", "/api/v1/auctions/" + auction + "/close", "");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat(json(closed).getJsonObject("result").getJsonNumber("revenue").doubleValue())
                .isEqualTo(3);

        HttpResponse<String> voter = send(
                "POST",
                "/api/v1/agents",
                "{\"id\":\"ear-voter-" + suffix + "\",\"type\":\"voter\",\"config\":{\"accept\":{\"x\":{\"max\":2}}}}");
        assertThat(voter.statusCode()).as(voter.body()).isEqualTo(201);
        HttpResponse<String> proposed = send(
                "POST",
                "/api/v1/proposals",
                "{\"title\":\"x=1\",\"terms\":{\"x\":1},\"electorate\":[\"ear-voter-" + suffix + "\"]}");
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        String proposal = json(proposed).getString("id");
        String status = "open";
        for (int i = 0; i < 200 && status.equals("open"); i++) {
            Thread.sleep(100);
            status = json(get("/api/v1/proposals/" + proposal, ADMIN)).getString("status");
        }
        assertThat(status).isEqualTo("accepted");
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

    /** The Python package from the ejb module's jar, a worker pool, a trial log read through the web module. */
    @Test
    void aPythonObjectiveRunsInTheEar() throws Exception {
        String objective = "ear-python-" + System.nanoTime();
        HttpResponse<String> uploaded = send(
                "PUT",
                "/api/v1/python-objectives/" + objective,
                "{\"source\": \"def objective(trial):\\n    print('from the ear')\\n    return trial.params['x'] * 2\\n\"}");
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String study = "ear-python-study-" + System.nanoTime();
        HttpResponse<String> created = send(
                "POST",
                "/api/v1/studies",
                ("{\"name\": \"%s\", \"searchSpace\": {\"variables\": ["
                                + "{\"name\": \"x\", \"type\": \"float\", \"low\": 0, \"high\": 1}]}}")
                        .formatted(study));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> started = send(
                "POST",
                "/api/v1/studies/" + study + "/jobs",
                "{\"budget\": 2, \"parallelism\": 1, \"objective\": \"python:%s\"}".formatted(objective));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long execution = json(started).getJsonNumber("executionId").longValue();
        String status = "STARTING";
        for (int i = 0; i < 240 && (status.equals("STARTING") || status.equals("STARTED")); i++) {
            Thread.sleep(250);
            status = json(get("/api/v1/studies/" + study + "/jobs/" + execution, ADMIN))
                    .getString("status");
        }
        assertThat(status).isEqualTo("COMPLETED");
        JsonObject trial = json(get("/api/v1/studies/" + study + "/trials/0", ADMIN));
        assertThat(trial.getString("state")).isEqualTo("complete");
        assertThat(trial.getJsonArray("values").getJsonNumber(0).doubleValue())
                .isEqualTo(
                        2 * trial.getJsonObject("parameters").getJsonNumber("x").doubleValue());
        assertThat(get("/api/v1/studies/" + study + "/trials/0/log", ADMIN).body())
                .contains("from the ear");
    }

    /** Deeplearning4j from the EAR's lib/, a study's batch job with its repository in PostgreSQL, a model. */
    @Test
    void aStudyTrainsNetworksInABatchJobInTheEar() throws Exception {
        String study = "ear-iris-" + System.nanoTime();
        HttpResponse<String> created = send(
                "POST",
                "/api/v1/studies",
                ("{\"name\": \"%s\", \"directions\": [\"maximize\"], \"searchSpace\": {\"variables\": ["
                                + "{\"name\": \"units\", \"type\": \"int\", \"low\": 4, \"high\": 16}]},"
                                + " \"training\": {\"dataset\": \"iris\", \"target\": \"species\", \"maxEpochs\": 10}}")
                        .formatted(study));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> started =
                send("POST", "/api/v1/studies/" + study + "/jobs", "{\"budget\": 2, \"parallelism\": 2}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long execution = json(started).getJsonNumber("executionId").longValue();
        String status = "STARTING";
        for (int i = 0; i < 720 && (status.equals("STARTING") || status.equals("STARTED")); i++) {
            Thread.sleep(250);
            status = json(get("/api/v1/studies/" + study + "/jobs/" + execution, ADMIN))
                    .getString("status");
        }
        assertThat(status).isEqualTo("COMPLETED");
        assertThat(json(get("/api/v1/studies/" + study, ADMIN))
                        .getJsonObject("trialsByState")
                        .getInt("complete"))
                .isEqualTo(2);
        assertThat(json(get("/api/v1/studies/" + study + "/model", ADMIN))
                        .getJsonObject("dataset")
                        .getString("name"))
                .isEqualTo("iris");
    }

    @Test
    void consoleLoginPageIsServed() throws Exception {
        HttpResponse<String> login = get("/console/login.xhtml", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("MABEAM console").contains("login:username");
    }
}
