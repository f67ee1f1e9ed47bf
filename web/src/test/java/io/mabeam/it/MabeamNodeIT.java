package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mabeam.it.Http.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Black-box tests of one MABEAM node: the real {@code mabeam.war} on Payara Micro against PostgreSQL,
 * through HTTP only. One deployment serves every test here, since each Payara boot costs ~30 s.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MabeamNodeIT {

    static final String ADMIN = Http.basic("admin", "it-admin-password-1");

    @ArquillianResource
    URL base;

    Http http;

    @Deployment(testable = false)
    static WebArchive mabeamWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("mabeam.war")));
    }

    @BeforeEach
    void client() throws Exception {
        // Payara reports the host's first address; tests stay on loopback.
        URI reported = base.toURI();
        http = new Http(new URI("http", null, "127.0.0.1", reported.getPort(), "/", null, null));
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    String createUser(String role) {
        String name = unique(role);
        Reply created = http.postJson(
                "api/v1/users",
                ADMIN,
                "{\"username\":\"%s\",\"password\":\"a-long-password-1\",\"roles\":[\"%s\"]}".formatted(name, role));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    // --- health, metrics, OpenAPI -------------------------------------------------------------

    @Test
    void readinessCoversDatabaseAndHazelcast() {
        Reply ready = http.get("health/ready", null);
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        JsonObject health = ready.json();
        assertThat(health.getString("status")).isEqualTo("UP");
        List<String> checks = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("name"))
                .toList();
        assertThat(checks).contains("database", "hazelcast", "event-store");
        assertThat(ready.body()).contains("PostgreSQL");
    }

    @Test
    void startedOnceMigrationsRan() {
        Reply started = http.get("health/started", null);
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.body()).contains("\"migrations\"").containsPattern("\"schemaVersion\":\"\\d{3}\"");
        assertThat(http.get("health/live", null).status()).isEqualTo(200);
    }

    @Test
    void metricsExposeApplicationFiguresInPrometheusFormat() {
        http.get("api/v1/does-not-exist", ADMIN); // one 404 problem to count
        http.get("api/v1/me", Http.basic("admin", "a-wrong-guess")); // one refused password
        Reply metrics = http.get("metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("# TYPE mabeam_cluster_members gauge")
                .contains("mabeam_auth_failures_total{kind=\"basic\",mp_scope=\"application\"}")
                .contains("mabeam_api_problems_total{mp_scope=\"application\",status=\"404\"}");
    }

    @Test
    void openApiDocumentListsTheApi() {
        Reply openapi = http.get("openapi", null);
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body())
                .contains("/api/v1/node:")
                .contains("/api/v1/users:")
                .contains("/api/v1/tokens:")
                .contains("/api/v1/me:");
    }

    // --- authentication and authorization ------------------------------------------------------

    @Test
    void apiWithoutCredentialsIs401Problem() {
        Reply reply = http.get("api/v1/node", null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.json().getInt("status")).isEqualTo(401);
    }

    @Test
    void wrongPasswordIs401Problem() {
        Reply reply = http.get("api/v1/node", Http.basic("admin", "not-the-password"));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.isProblem()).isTrue();
    }

    @Test
    void viewerMayReadButNotAdminister() {
        String viewer = createUser("viewer");
        String auth = Http.basic(viewer, "a-long-password-1");
        assertThat(http.get("api/v1/node", auth).status()).isEqualTo(200);
        Reply forbidden = http.get("api/v1/users", auth);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.isProblem()).isTrue();
        JsonObject me = http.get("api/v1/me", auth).json();
        assertThat(me.getString("name")).isEqualTo(viewer);
        assertThat(me.getJsonArray("roles").getValuesAs(JsonString.class))
                .extracting(JsonString::getString)
                .containsExactly("viewer");
    }

    @Test
    void apiTokenAuthenticatesUntilRevoked() {
        String operator = createUser("operator");
        Reply issued = http.postJson(
                "api/v1/tokens", ADMIN, "{\"name\":\"ci\",\"owner\":\"%s\",\"lifetimeDays\":30}".formatted(operator));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String bearer = "Bearer " + issued.json().getString("secret");
        String id = issued.json().getString("id");

        Reply me = http.get("api/v1/me", bearer);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().getString("name")).isEqualTo(operator);
        assertThat(http.get("api/v1/tokens", bearer).status()).isEqualTo(403);

        Reply revoked = http.delete("api/v1/tokens/" + id, ADMIN);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().getString("revokedAt")).isNotBlank();
        assertThat(http.get("api/v1/me", bearer).status()).isEqualTo(401);
    }

    @Test
    void unknownTokenIs401() {
        Reply reply = http.get("api/v1/me", "Bearer mbt_" + "A".repeat(43));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.isProblem()).isTrue();
    }

    // --- the event store ------------------------------------------------------------------------------

    Reply appendEvents(String stream, String precondition, String value, String json) {
        HttpRequest.Builder request = http.request("api/v1/events/streams/" + stream)
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .header("X-Correlation-Id", "it-correlation");
        if (precondition != null) {
            request.header(precondition, value);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    void eventsAppendWithExpectedVersionsAndReadBack() {
        String stream = unique("study-");
        Reply created = appendEvents(
                stream, "If-None-Match", "*", "{\"type\":\"StudyCreated\",\"payload\":{\"name\":\"iris\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = UUID.randomUUID().toString();
        String told =
                "[{\"id\":\"%s\",\"type\":\"TrialTold\",\"payload\":{\"value\":0.5}},{\"type\":\"TrialTold\",\"payload\":{\"value\":0.4}}]"
                        .formatted(id);
        Reply appended = appendEvents(stream, "If-Match", "\"0\"", told);
        assertThat(appended.status()).isEqualTo(201);
        assertThat(appended.json().getInt("lastVersion")).isEqualTo(2);

        Reply read = http.get("api/v1/events/streams/" + stream, ADMIN);
        assertThat(read.status()).isEqualTo(200);
        List<JsonObject> events = read.jsonValue().asJsonArray().getValuesAs(JsonObject.class);
        assertThat(events)
                .extracting(e -> e.getString("type"))
                .containsExactly("StudyCreated", "TrialTold", "TrialTold");
        assertThat(events.get(1).getString("id")).isEqualTo(id);
        assertThat(events.get(1).getJsonObject("payload").getJsonNumber("value").doubleValue())
                .isEqualTo(0.5);
        JsonObject metadata = events.get(1).getJsonObject("metadata");
        assertThat(metadata.getString("principal")).isEqualTo("admin");
        assertThat(metadata.getString("node")).isEqualTo("it-node");
        assertThat(metadata.getString("correlationId")).isEqualTo("it-correlation");
        assertThat(events.get(2).getJsonObject("vectorClock").getInt("it-node")).isPositive();

        String after = events.get(0).getString("position");
        List<String> types = http
                .get("api/v1/events?after=" + after + "&limit=1000", ADMIN)
                .jsonValue()
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(e -> e.getString("stream").equals(stream))
                .map(e -> e.getString("type"))
                .toList();
        assertThat(types).containsExactly("TrialTold", "TrialTold");

        Reply correlated =
                http.get("api/v1/events?correlationId=it-correlation&stream=" + stream + "&type=TrialTold", ADMIN);
        assertThat(correlated.jsonValue().asJsonArray()).hasSize(2);
        assertThat(http.get("api/v1/events?from=yesterday", ADMIN).status()).isEqualTo(400);
        assertThat(http.get("api/v1/events?limit=0", ADMIN).status()).isEqualTo(400);
    }

    @Test
    void aClientSubscriptionHandsOutWhatItHasNotAcknowledged() {
        String stream = unique("sub-stream-");
        String name = unique("it-client-");
        String filter = "{\"stream\":\"%s\",\"from\":\"end\"}".formatted(stream);
        Reply created = http.putJson("api/v1/subscriptions/" + name, ADMIN, filter);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().getInt("lag")).isZero();
        assertThat(http.putJson("api/v1/subscriptions/" + name, ADMIN, filter).status())
                .isEqualTo(200);
        Reply otherFilter = http.putJson("api/v1/subscriptions/" + name, ADMIN, "{\"type\":\"Other\"}");
        assertThat(otherFilter.status()).isEqualTo(409);
        assertThat(otherFilter.isProblem()).isTrue();
        assertThat(http.putJson("api/v1/subscriptions/-bad-name", ADMIN, "{}").status())
                .isEqualTo(400);

        appendEvents(stream, null, null, "[{\"type\":\"A\",\"payload\":{}},{\"type\":\"B\",\"payload\":{}}]");
        appendEvents(unique("elsewhere-"), null, null, "{\"type\":\"A\",\"payload\":{}}");
        appendEvents(stream, null, null, "{\"type\":\"C\",\"payload\":{}}");

        List<JsonObject> pending = http.get("api/v1/subscriptions/" + name + "/events", ADMIN)
                .jsonValue()
                .asJsonArray()
                .getValuesAs(JsonObject.class);
        assertThat(pending).extracting(e -> e.getString("type")).containsExactly("A", "B", "C");
        String second = pending.get(1).getString("position");
        Reply acknowledged =
                http.postJson("api/v1/subscriptions/" + name + "/ack", ADMIN, "{\"position\":\"" + second + "\"}");
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        assertThat(acknowledged.json().getInt("delivered")).isEqualTo(2);
        assertThat(acknowledged.json().getInt("lag")).isEqualTo(1);
        assertThat(http.get("api/v1/subscriptions/" + name + "/events", ADMIN)
                        .jsonValue()
                        .asJsonArray()
                        .getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("type"))
                .containsExactly("C");

        String first = pending.get(0).getString("position");
        Reply again = http.postJson("api/v1/subscriptions/" + name + "/ack", ADMIN, "{\"position\":\"" + first + "\"}");
        assertThat(again.json().getString("checkpoint")).isEqualTo(second);
        assertThat(http.postJson("api/v1/subscriptions/" + name + "/ack", ADMIN, "{\"position\":\"999999999.1\"}")
                        .status())
                .isEqualTo(409);
        assertThat(http.postJson("api/v1/subscriptions/" + name + "/ack", ADMIN, "{\"position\":\"soon\"}")
                        .status())
                .isEqualTo(400);
        String viewer = Http.basic(createUser("viewer"), "a-long-password-1");
        assertThat(http.postJson("api/v1/subscriptions/" + name + "/ack", viewer, "{\"position\":\"" + second + "\"}")
                        .status())
                .isEqualTo(403);
        assertThat(http.get("api/v1/subscriptions/" + name, ADMIN).json().getString("checkpoint"))
                .isEqualTo(second);

        Reply replay = http.putJson("api/v1/subscriptions/" + name + "/checkpoint", ADMIN, "{\"position\":\"0.0\"}");
        assertThat(replay.json().getInt("lag")).isGreaterThanOrEqualTo(3);
        assertThat(http.delete("api/v1/subscriptions/" + name, ADMIN).status()).isEqualTo(204);
        assertThat(http.get("api/v1/subscriptions/" + name, ADMIN).status()).isEqualTo(404);
        assertThat(http.get("api/v1/subscriptions/" + name + "/events", ADMIN).status())
                .isEqualTo(404);
    }

    @Test
    void anInProcessSubscriptionKeepsTheEventTypeCounts() throws Exception {
        String type = unique("Counted");
        appendEvents(
                unique("count-"),
                null,
                null,
                "[{\"type\":\"%s\",\"payload\":{}},{\"type\":\"%s\",\"payload\":{}}]".formatted(type, type));
        appendEvents(unique("count-"), null, null, "{\"type\":\"%s\",\"payload\":{}}".formatted(type));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int counted = 0;
        while (counted < 3 && System.nanoTime() < deadline) {
            counted =
                    http
                            .get("api/v1/events/types", ADMIN)
                            .jsonValue()
                            .asJsonArray()
                            .getValuesAs(JsonObject.class)
                            .stream()
                            .filter(t -> t.getString("type").equals(type))
                            .mapToInt(t -> t.getInt("events"))
                            .sum();
            Thread.sleep(100);
        }
        assertThat(counted).isEqualTo(3);

        JsonObject projection = http.get("api/v1/subscriptions/foundation.event-type-counts", ADMIN)
                .json();
        assertThat(projection.getString("kind")).isEqualTo("handler");
        assertThat(projection.getJsonNumber("delivered").longValue()).isGreaterThanOrEqualTo(3);
        assertThat(http.putJson(
                                "api/v1/subscriptions/foundation.event-type-counts/checkpoint",
                                ADMIN,
                                "{\"position\":\"0.0\"}")
                        .status())
                .isEqualTo(409);
        assertThat(http.delete("api/v1/subscriptions/foundation.event-type-counts", ADMIN)
                        .status())
                .isEqualTo(409);
        assertThat(http.get("metrics", null).body()).contains("mabeam_events_subscription_lag");
    }

    // --- config server ---------------------------------------------------------------------------

    Reply putConfig(String key, String ifMatch, String json) {
        HttpRequest.Builder request = http.request("api/v1/config/" + key)
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json");
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    void configValuesAreCheckedVersionedAndRolledBack() throws Exception {
        String key = "it.config." + UUID.randomUUID().toString().substring(0, 8);
        String schema = "{\"type\":\"string\",\"allowedValues\":[\"fast\",\"safe\"],\"defaultValue\":\"safe\"}";
        assertThat(http.putJson("api/v1/config/schemas/" + key, ADMIN, schema).status())
                .isEqualTo(201);
        assertThat(http.putJson("api/v1/config/schemas/" + key, ADMIN, schema).status())
                .isEqualTo(200);
        String viewer = Http.basic(createUser("viewer"), "a-long-password-1");
        assertThat(http.putJson("api/v1/config/schemas/" + key, viewer, schema).status())
                .isEqualTo(403);
        assertThat(http.putJson("api/v1/config/schemas/it.bad", ADMIN, "{\"type\":\"float\"}")
                        .status())
                .isEqualTo(400);
        assertThat(http.putJson("api/v1/config/schemas/Bad_Key", ADMIN, "{\"type\":\"string\"}")
                        .status())
                .isEqualTo(400);

        Reply first = putConfig(key, "\"-1\"", "{\"value\":\"fast\",\"comment\":\"speed up\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().getInt("version")).isZero();
        Reply outside = putConfig(key, null, "{\"value\":\"reckless\"}");
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.isProblem()).isTrue();
        assertThat(outside.json().getString("detail")).contains("one of [fast, safe]");
        assertThat(putConfig(key, "\"7\"", "{\"value\":\"safe\"}").status()).isEqualTo(412);
        assertThat(putConfig(key, null, "{\"comment\":\"no value\"}").status()).isEqualTo(400);
        assertThat(putConfig("it.never-declared", null, "{\"value\":\"x\"}").status())
                .isEqualTo(404);
        assertThat(http.get("api/v1/config/" + key, ADMIN).json().getInt("version"))
                .isZero();

        assertThat(putConfig(key, "\"0\"", "{\"value\":\"safe\"}").json().getInt("version"))
                .isEqualTo(1);
        Reply rolledBack = http.postJson("api/v1/config/" + key + "/rollback", ADMIN, "{\"version\":0}");
        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(rolledBack.json().getString("value")).isEqualTo("fast");
        assertThat(rolledBack.json().getInt("version")).isEqualTo(2);
        assertThat(http.postJson("api/v1/config/" + key + "/rollback", ADMIN, "{\"version\":9}")
                        .status())
                .isEqualTo(404);

        List<JsonObject> history = http.get("api/v1/config/" + key + "/history", ADMIN)
                .jsonValue()
                .asJsonArray()
                .getValuesAs(JsonObject.class);
        assertThat(history).extracting(h -> h.getInt("version")).containsExactly(2, 1, 0);
        assertThat(history.get(0).getInt("restoredVersion")).isZero();
        assertThat(history.get(2).getString("comment")).isEqualTo("speed up");
        assertThat(history.get(2).getString("changedBy")).isEqualTo("admin");
        JsonObject diff =
                http.get("api/v1/config/" + key + "/diff?from=0&to=1", ADMIN).json();
        assertThat(diff.getBoolean("changed")).isTrue();
        assertThat(diff.getJsonObject("to").getString("previousValue")).isEqualTo("fast");
        assertThat(http.get("api/v1/events?stream=config:" + key, ADMIN)
                        .jsonValue()
                        .asJsonArray())
                .hasSize(3);

        Reply unset = http.delete("api/v1/config/" + key, ADMIN);
        assertThat(unset.status()).isEqualTo(200);
        assertThat(unset.json().containsKey("value")).isFalse();
        awaitEffective(key, "safe");
    }

    private JsonObject awaitEffective(String key, String value) throws InterruptedException {
        return awaitEffective(http, key, value);
    }

    /** MicroProfile Config on that node resolves the value (its cache keeps values up to a second). */
    private static JsonObject awaitEffective(Http node, String key, String value) throws InterruptedException {
        JsonObject effective = null;
        for (int i = 0; i < 100; i++) {
            effective = node.get("api/v1/config/" + key, ADMIN).json().getJsonObject("effective");
            if (value.equals(effective.getString("value", null))) {
                return effective;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(key + " never took effect as " + value + ": " + effective);
    }

    @Test
    void configServerFeedsMicroProfileConfigBelowTheEnvironment() throws Exception {
        assertThat(putConfig("mabeam.health.max-heap-ratio", null, "{\"value\":0.97}")
                        .status())
                .isEqualTo(200);
        try {
            awaitEffective("mabeam.health.max-heap-ratio", "0.97");
            String live = "";
            for (int i = 0; i < 50 && !live.contains("\"maxHeapRatio\":\"0.97\""); i++) {
                Thread.sleep(100);
                live = http.get("health/live", null).body();
            }
            assertThat(live).contains("\"maxHeapRatio\":\"0.97\""); // read through an injected @ConfigProperty
        } finally {
            http.delete("api/v1/config/mabeam.health.max-heap-ratio", ADMIN);
        }
        assertThat(putConfig("mabeam.health.max-heap-ratio", null, "{\"value\":2}")
                        .status())
                .isEqualTo(400);

        // MABEAM_API_MAX_BODY_BYTES=65536 in the node's environment wins over the config server
        assertThat(putConfig("mabeam.api.max-body-bytes", null, "{\"value\":2048}")
                        .status())
                .isEqualTo(200);
        try {
            JsonObject setting =
                    http.get("api/v1/config/mabeam.api.max-body-bytes", ADMIN).json();
            for (int i = 0; i < 50 && !"2048".equals(setting.getString("cached", null)); i++) {
                Thread.sleep(100); // until this node's cache holds the new value
                setting = http.get("api/v1/config/mabeam.api.max-body-bytes", ADMIN)
                        .json();
            }
            assertThat(setting.getString("cached")).isEqualTo("2048");
            JsonObject effective = http.get("api/v1/config/mabeam.api.max-body-bytes", ADMIN)
                    .json()
                    .getJsonObject("effective");
            assertThat(effective.getString("value")).isEqualTo("65536");
            assertThat(effective.getString("source")).containsIgnoringCase("env");
        } finally {
            http.delete("api/v1/config/mabeam.api.max-body-bytes", ADMIN);
        }
        assertThat(http.get("metrics", null).body()).contains("mabeam_config_changes_total");
    }

    // --- registry and health ----------------------------------------------------------------------

    @Test
    void registryFindsByNameAndMetadataAndRefusesCollisions() {
        String namespace = unique("it-");
        String other = unique("it-");
        Reply db = http.postJson(
                "api/v1/registry/" + namespace,
                ADMIN,
                "{\"name\":\"db\",\"kind\":\"service\",\"metadata\":{\"role\":\"store\",\"zone\":\"a\"}}");
        assertThat(db.status()).as(db.body()).isEqualTo(201);
        assertThat(db.json().getString("ownerNode")).isEqualTo("it-node");
        http.postJson("api/v1/registry/" + namespace, ADMIN, "{\"name\":\"cache\",\"metadata\":{\"zone\":\"a\"}}");
        http.postJson(
                "api/v1/registry/" + namespace,
                ADMIN,
                "{\"name\":\"api\",\"kind\":\"service\",\"dependencies\":[\"db\",\"queue\"]}");
        assertThat(http.postJson("api/v1/registry/" + other, ADMIN, "{\"name\":\"db\"}")
                        .status())
                .as("another namespace has names of its own")
                .isEqualTo(201);

        Reply collision = http.postJson("api/v1/registry/" + namespace, ADMIN, "{\"name\":\"db\"}");
        assertThat(collision.status()).isEqualTo(409);
        assertThat(collision.isProblem()).isTrue();
        assertThat(http.postJson("api/v1/registry/" + namespace, ADMIN, "{\"name\":\"-x\"}")
                        .status())
                .isEqualTo(400);
        assertThat(http.postJson("api/v1/registry/Bad_NS", ADMIN, "{\"name\":\"x\"}")
                        .status())
                .isEqualTo(400);
        assertThat(http.postJson("api/v1/registry/" + namespace, ADMIN, "{\"name\":\"p\",\"dependencies\":[\"db\"]}")
                        .status())
                .isEqualTo(400);
        assertThat(http.get("api/v1/registry/" + namespace, ADMIN).jsonValue().asJsonArray())
                .hasSize(3);

        assertThat(http.get("api/v1/registry/" + namespace + "?meta.zone=a", ADMIN)
                        .jsonValue()
                        .asJsonArray()
                        .getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("name"))
                .containsExactly("cache", "db");
        assertThat(http.get("api/v1/registry/" + namespace + "?meta.zone=a&kind=service", ADMIN)
                        .jsonValue()
                        .asJsonArray())
                .hasSize(1);
        JsonObject api =
                http.get("api/v1/registry/" + namespace + "/api", ADMIN).json();
        assertThat(api.getJsonArray("unmetDependencies").getValuesAs(JsonString.class))
                .extracting(JsonString::getString)
                .containsExactly("queue");
        Reply down = http.send(http.request("api/v1/registry/" + namespace + "/db/health")
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"health\":\"down\"}"))
                .build());
        assertThat(down.json().getString("health")).isEqualTo("DOWN");
        assertThat(http.get("api/v1/registry/" + namespace + "/api", ADMIN)
                        .json()
                        .getJsonArray("unmetDependencies"))
                .hasSize(2);

        assertThat(http.delete("api/v1/registry/" + namespace + "/db", ADMIN).status())
                .isEqualTo(204);
        assertThat(http.delete("api/v1/registry/" + namespace + "/db", ADMIN).status())
                .isEqualTo(404);
        assertThat(http.get("api/v1/registry/" + namespace + "/db", ADMIN).status())
                .isEqualTo(404);
        List<String> recorded = http
                .get("api/v1/events?stream=registry:" + namespace, ADMIN)
                .jsonValue()
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .map(e -> e.getString("type"))
                .toList();
        assertThat(recorded)
                .containsExactly(
                        "RegistryEntryRegistered",
                        "RegistryEntryRegistered",
                        "RegistryEntryRegistered",
                        "ServiceHealthChanged",
                        "ServiceDependencyLost",
                        "RegistryEntryRemoved",
                        "ServiceDependencyLost");
        assertThat(http.get("api/v1/registry", ADMIN).json().getInt(namespace)).isEqualTo(2);
    }

    // --- coordination --------------------------------------------------------------------------

    @Test
    void leasesHoldLocksAndFencingRefusesStaleTokens() throws Exception {
        String lock = unique("it-lock-");
        String resource = "it/" + lock + "/best";
        Reply first = http.postJson("api/v1/coordination/locks/" + lock + "/leases", ADMIN, "{\"ttl\":\"PT30S\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        long firstFence = first.json().getJsonNumber("fence").longValue();
        assertThat(firstFence).isPositive();
        Reply busy = http.postJson("api/v1/coordination/locks/" + lock + "/leases", ADMIN, "{\"wait\":\"PT0.3S\"}");
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.isProblem()).isTrue();
        assertThat(http.get("api/v1/coordination/leases", ADMIN).body())
                .contains(first.json().getString("id"));
        assertThat(http.putJson("api/v1/coordination/fences/" + resource, ADMIN, "{\"token\":" + firstFence + "}")
                        .status())
                .isEqualTo(200);

        assertThat(http.delete("api/v1/coordination/leases/" + first.json().getString("id"), ADMIN)
                        .status())
                .isEqualTo(204);
        assertThat(http.delete("api/v1/coordination/leases/" + first.json().getString("id"), ADMIN)
                        .status())
                .isEqualTo(404);
        Reply second = http.postJson(
                "api/v1/coordination/locks/" + lock + "/leases", ADMIN, "{\"wait\":\"PT5S\",\"ttl\":\"PT1S\"}");
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        long secondFence = second.json().getJsonNumber("fence").longValue();
        assertThat(secondFence).isGreaterThan(firstFence);
        assertThat(http.putJson("api/v1/coordination/fences/" + resource, ADMIN, "{\"token\":" + secondFence + "}")
                        .status())
                .isEqualTo(200);
        Reply stale = http.putJson("api/v1/coordination/fences/" + resource, ADMIN, "{\"token\":" + firstFence + "}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().getString("detail")).contains("earlier holder");
        assertThat(http.get("api/v1/coordination/fences/" + resource, ADMIN)
                        .json()
                        .getJsonNumber("token")
                        .longValue())
                .isEqualTo(secondFence);

        // the second lease expires by itself after a second: the lock is free again
        Reply third = http.postJson("api/v1/coordination/locks/" + lock + "/leases", ADMIN, "{\"wait\":\"PT10S\"}");
        assertThat(third.status()).as(third.body()).isEqualTo(201);
        http.delete("api/v1/coordination/leases/" + third.json().getString("id"), ADMIN);
        List<String> recorded = List.of();
        for (int i = 0; i < 50 && !recorded.contains("LockLeaseExpired"); i++) {
            Thread.sleep(100);
            recorded = http
                    .get("api/v1/events?stream=coordination:locks&limit=1000", ADMIN)
                    .jsonValue()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class)
                    .stream()
                    .filter(e -> lock.equals(e.getJsonObject("payload").getString("lock")))
                    .map(e -> e.getString("type"))
                    .toList();
        }
        assertThat(recorded).contains("LockLeaseGranted", "LockLeaseReleased", "LockLeaseExpired");

        String viewer = Http.basic(createUser("viewer"), "a-long-password-1");
        assertThat(http.postJson("api/v1/coordination/locks/" + lock + "/leases", viewer, "{}")
                        .status())
                .isEqualTo(403);
        assertThat(http.postJson("api/v1/coordination/locks/" + lock + "/leases", ADMIN, "{\"wait\":\"-PT1S\"}")
                        .status())
                .isEqualTo(400);
        assertThat(http.postJson("api/v1/coordination/locks/" + lock + "/leases", ADMIN, "{\"ttl\":\"PT2H\"}")
                        .status())
                .isEqualTo(400);
        assertThat(http.postJson("api/v1/coordination/locks/-bad/leases", ADMIN, "{}")
                        .status())
                .isEqualTo(400);
        assertThat(http.putJson("api/v1/coordination/fences/" + resource, ADMIN, "{\"token\":0}")
                        .status())
                .isEqualTo(400);
        assertThat(http.putJson("api/v1/coordination/fences/" + resource, ADMIN, "{\"token\":\"x\"}")
                        .status())
                .isEqualTo(400);
        assertThat(http.get("api/v1/coordination/fences/never-" + lock, ADMIN).status())
                .isEqualTo(404);
    }

    @Test
    void theHealthMonitorAggregatesComponentsAndRecordsChanges() {
        JsonObject health = http.get("api/v1/health", ADMIN).json();
        assertThat(health.getString("node")).isEqualTo("it-node");
        assertThat(health.getString("level")).isIn("HEALTHY", "DEGRADED");
        assertThat(health.getJsonArray("components").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("component"))
                .contains("database", "event-store", "cluster", "subscriptions", "config", "registry", "heap");
        JsonObject checked = http.postJson("api/v1/health/check", ADMIN, "").json();
        assertThat(checked.getString("checkedAt")).isNotEqualTo(health.getString("checkedAt"));
        List<JsonObject> history = http.get("api/v1/health/history", ADMIN)
                .jsonValue()
                .asJsonArray()
                .getValuesAs(JsonObject.class);
        assertThat(history).isNotEmpty();
        assertThat(history.get(0).getString("node")).isEqualTo("it-node");
        assertThat(http.get("health/ready", null).body()).contains("\"foundation\"");
        assertThat(http.get("metrics", null).body())
                .contains("mabeam_health_level")
                .contains("mabeam_registry_entries");
    }

    @Test
    void retentionArchivesOldEventsButNeverPastASubscription() throws Exception {
        String prefix = unique("retained-") + "/";
        String subscription = unique("it-retention-");
        Reply old = appendEvents(
                prefix + "a",
                null,
                null,
                "[{\"type\":\"Old\",\"payload\":{\"n\":1}},{\"type\":\"Old\",\"payload\":{\"n\":2}}]");
        assertThat(old.status()).as("stream names may hold slashes").isEqualTo(201);
        http.putJson("api/v1/subscriptions/" + subscription, ADMIN, "{\"stream\":\"%s\"}".formatted(prefix));
        String policy = "{\"streamPrefix\":\"%s\",\"maxAge\":\"PT1S\",\"action\":\"archive\"}".formatted(prefix);
        assertThat(http.putJson("api/v1/events/retention", ADMIN, policy).status())
                .isEqualTo(201);
        String viewer = Http.basic(createUser("viewer"), "a-long-password-1");
        assertThat(http.putJson("api/v1/events/retention", viewer, policy).status())
                .isEqualTo(403);
        assertThat(http.putJson("api/v1/events/retention", ADMIN, policy.replace("PT1S", "soon"))
                        .status())
                .isEqualTo(400);
        assertThat(http.putJson("api/v1/events/retention", ADMIN, policy.replace("archive", "shred"))
                        .status())
                .isEqualTo(400);
        Thread.sleep(1200);
        try {
            JsonObject held = ourOutcome(http.postJson("api/v1/events/retention/run", ADMIN, ""), prefix);
            assertThat(held.getInt("removed")).isZero();
            assertThat(held.getInt("heldBack")).isEqualTo(2);
            assertThat(held.getString("heldBackBy")).isEqualTo(subscription);
            assertThat(http.get("api/v1/events/streams/" + prefix + "a", ADMIN)
                            .jsonValue()
                            .asJsonArray())
                    .hasSize(2);

            List<JsonObject> pending = http.get("api/v1/subscriptions/" + subscription + "/events", ADMIN)
                    .jsonValue()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class);
            http.postJson(
                    "api/v1/subscriptions/" + subscription + "/ack",
                    ADMIN,
                    "{\"position\":\"" + pending.get(1).getString("position") + "\"}");
            int removed = 0;
            for (int attempt = 0; attempt < 20 && removed < 2; attempt++) {
                removed += ourOutcome(http.postJson("api/v1/events/retention/run", ADMIN, ""), prefix)
                        .getInt("removed");
                Thread.sleep(250);
            }
            assertThat(removed).isEqualTo(2);
            assertThat(http.get("api/v1/events/streams/" + prefix + "a", ADMIN)
                            .jsonValue()
                            .asJsonArray())
                    .isEmpty();
            assertThat(http.get("api/v1/events/archive?stream=" + prefix, ADMIN)
                            .jsonValue()
                            .asJsonArray()
                            .getValuesAs(JsonObject.class))
                    .extracting(e -> e.getJsonObject("payload").getInt("n"))
                    .containsExactly(1, 2);
            List<String> recorded = http
                    .get("api/v1/events?stream=event-retention&limit=1000", ADMIN)
                    .jsonValue()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class)
                    .stream()
                    .filter(e -> prefix.equals(e.getJsonObject("payload").getString("streamPrefix", null)))
                    .map(e -> e.getString("type"))
                    .toList();
            assertThat(recorded)
                    .startsWith("RetentionPolicySet", "RetentionHeldBack")
                    .contains("EventsArchived");
        } finally {
            assertThat(http.delete("api/v1/events/retention?streamPrefix=" + prefix, ADMIN)
                            .status())
                    .isEqualTo(204);
            http.delete("api/v1/subscriptions/" + subscription, ADMIN);
        }
        assertThat(http.delete("api/v1/events/retention?streamPrefix=" + prefix, ADMIN)
                        .status())
                .isEqualTo(404);
    }

    private static JsonObject ourOutcome(Reply run, String prefix) {
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        return run.jsonValue().asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(o -> o.getJsonObject("policy").getString("streamPrefix").equals(prefix))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void snapshotsAreKeptPerStreamVersion() {
        String stream = unique("snap-");
        appendEvents(stream, null, null, "[{\"type\":\"A\",\"payload\":{}},{\"type\":\"B\",\"payload\":{}}]");
        assertThat(http.get("api/v1/events/streams/" + stream + "/snapshots/latest", ADMIN)
                        .status())
                .isEqualTo(404);
        Reply saved = http.send(http.request("api/v1/events/streams/" + stream + "/snapshots/1")
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"trials\":2}"))
                .build());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonObject latest = http.get("api/v1/events/streams/" + stream + "/snapshots/latest", ADMIN)
                .json();
        assertThat(latest.getInt("version")).isEqualTo(1);
        assertThat(latest.getJsonObject("state").getInt("trials")).isEqualTo(2);
        Reply beyond = http.send(http.request("api/v1/events/streams/" + stream + "/snapshots/9")
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.isProblem()).isTrue();
    }

    @Test
    void tailStreamsTheLogAsServerSentEvents() throws Exception {
        String stream = unique("tail-");
        appendEvents(stream, null, null, "{\"type\":\"Before\",\"payload\":{}}");
        var response = http.lines(http.request("api/v1/events/tail?stream=" + stream)
                .header("Authorization", ADMIN)
                .header("Accept", "text/event-stream")
                .GET()
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        var reader = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var seen = reader.submit(() -> {
                List<String> types = new java.util.ArrayList<>();
                var lines = response.body().iterator();
                while (lines.hasNext() && !types.contains("After")) {
                    String line = lines.next();
                    if (line.startsWith("event:")) {
                        types.add(line.substring("event:".length()).trim());
                    }
                }
                return types;
            });
            appendEvents(stream, null, null, "{\"type\":\"After\",\"payload\":{}}");
            assertThat(seen.get(30, java.util.concurrent.TimeUnit.SECONDS)).containsExactly("Before", "After");
        } finally {
            response.body().close();
            reader.shutdownNow();
        }
        assertThat(http.get("api/v1/events/tail?after=nonsense", ADMIN).status())
                .isEqualTo(400);
    }

    /**
     * One second node, started once for everything that needs two: membership, config notifications,
     * registry ownership and the loss of a node (SIGKILL) and of PostgreSQL (restart).
     */
    @Test
    void aSecondNodeSharesTheClusterAndItsCrashLosesNothingAcknowledged() throws Exception {
        String stream = unique("durable-");
        for (int i = 0; i < 20; i++) {
            String told = "{\"type\":\"Told\",\"payload\":{\"i\":%d}}".formatted(i);
            Reply acknowledged = i == 0
                    ? appendEvents(stream, "If-None-Match", "*", told)
                    : appendEvents(stream, "If-Match", "\"" + (i - 1) + "\"", told);
            assertThat(acknowledged.status()).isEqualTo(201);
        }
        String namespace = unique("it-");
        String key = "it.two-nodes." + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.putJson("api/v1/config/schemas/" + key, ADMIN, "{\"type\":\"integer\",\"minimum\":1}")
                        .status())
                .isEqualTo(201);
        try (PayaraNode second = PayaraNode.start("it-node-2", "mabeam-it-web", "127.0.0.1:6960", 6961)) {
            second.awaitReady(Duration.ofMinutes(4));
            Http secondHttp = new Http(second.base());
            for (Http node : List.of(http, secondHttp)) {
                List<String> names = node.get("api/v1/cluster/members", ADMIN).jsonValue().asJsonArray().stream()
                        .map(m -> m.asJsonObject().getString("nodeName"))
                        .toList();
                assertThat(names).containsExactlyInAnyOrder("it-node", "it-node-2");
            }
            assertThat(secondHttp.get("api/v1/node", ADMIN).json().getString("name"))
                    .isEqualTo("it-node-2");

            // a config change on this node reaches the other node's subscribers and its MicroProfile Config
            try (SseReader changes = SseReader.open(secondHttp, "api/v1/config/changes", ADMIN)) {
                changes.await(line -> line.contains("config changes"), Duration.ofSeconds(10));
                assertThat(http.putJson("api/v1/config/" + key, ADMIN, "{\"value\":42}")
                                .status())
                        .isEqualTo(200);
                String heard = changes.await(line -> line.contains(key), Duration.ofSeconds(10));
                assertThat(heard).contains("\"value\":\"42\"").contains("\"changedBy\":\"admin\"");
            }
            JsonObject effective = awaitEffective(secondHttp, key, "42");
            assertThat(effective.getString("source")).isEqualTo("mabeam-config-server");

            // an entry belongs to the node that registered it, and goes when that node dies
            Reply worker = secondHttp.postJson(
                    "api/v1/registry/" + namespace,
                    ADMIN,
                    "{\"name\":\"worker-1\",\"kind\":\"service\",\"metadata\":{\"pool\":\"gpu\"}}");
            assertThat(worker.status()).as(worker.body()).isEqualTo(201);
            assertThat(http.postJson(
                                    "api/v1/registry/" + namespace,
                                    ADMIN,
                                    "{\"name\":\"scheduler\",\"kind\":\"service\",\"dependencies\":[\"worker-1\"]}")
                            .status())
                    .isEqualTo(201);
            assertThat(http.postJson("api/v1/registry/" + namespace, ADMIN, "{\"name\":\"worker-1\"}")
                            .status())
                    .isEqualTo(409);
            assertThat(http.get("api/v1/registry/" + namespace + "/worker-1", ADMIN)
                            .json()
                            .getString("ownerNode"))
                    .isEqualTo("it-node-2");

            Reply viaSecond = secondHttp.postJson(
                    "api/v1/events/streams/" + stream, ADMIN, "{\"type\":\"Told\",\"payload\":{\"i\":20}}");
            assertThat(viaSecond.status()).isEqualTo(201);
            try (SseReader watch = SseReader.open(http, "api/v1/registry/" + namespace + "/watch", ADMIN)) {
                watch.await(line -> line.equals(namespace), Duration.ofSeconds(10));
                second.kill(); // the node that acknowledged event 20 and owns worker-1 dies at once
                String removed = watch.await(line -> line.contains("\"REMOVED\""), Duration.ofSeconds(90));
                assertThat(removed).contains("worker-1").contains("owner-left");
                String lost = watch.await(line -> line.contains("DEPENDENCY_LOST"), Duration.ofSeconds(10));
                assertThat(lost).contains("scheduler").contains("\"about\":\"worker-1\"");
            }
        }
        assertThat(http.get("api/v1/registry/" + namespace + "/worker-1", ADMIN).status())
                .isEqualTo(404);
        JsonObject scheduler =
                http.get("api/v1/registry/" + namespace + "/scheduler", ADMIN).json();
        assertThat(scheduler.getJsonArray("unmetDependencies").getString(0)).isEqualTo("worker-1");
        List<JsonObject> removals = http.get(
                        "api/v1/events?stream=registry:" + namespace + "&type=RegistryEntryRemoved", ADMIN)
                .jsonValue()
                .asJsonArray()
                .getValuesAs(JsonObject.class);
        assertThat(removals).hasSize(1);
        assertThat(removals.get(0).getJsonObject("payload").getString("reason")).isEqualTo("owner-left");
        awaitMembers(1);
        assertThat(http.get("api/v1/subscriptions/foundation.config-cache@it-node-2", ADMIN)
                        .status())
                .isEqualTo(200);
        assertThat(http.delete("api/v1/subscriptions/foundation.config-cache@it-node", ADMIN)
                        .status())
                .as("a running node's checkpoint stays")
                .isEqualTo(409);
        assertThat(http.delete("api/v1/subscriptions/foundation.config-cache@it-node-2", ADMIN)
                        .status())
                .as("the checkpoint of a node gone from the cluster may go")
                .isEqualTo(204);

        restartPostgresql();
        Reply afterRestart = null;
        for (int attempt = 0; attempt < 60; attempt++) { // the pool notices the restart on first use
            afterRestart = appendEvents(stream, "If-Match", "\"20\"", "{\"type\":\"Told\",\"payload\":{\"i\":21}}");
            if (afterRestart.status() == 201) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(afterRestart.status()).as(afterRestart.body()).isEqualTo(201);
        List<JsonObject> events = http.get("api/v1/events/streams/" + stream + "?limit=1000", ADMIN)
                .jsonValue()
                .asJsonArray()
                .getValuesAs(JsonObject.class);
        assertThat(events).hasSize(22);
        for (int i = 0; i < 22; i++) {
            assertThat(events.get(i).getJsonObject("payload").getInt("i")).isEqualTo(i);
        }
    }

    private static void restartPostgresql() throws Exception {
        String command = System.getProperty("it.db.restart");
        Process restart = new ProcessBuilder(command.split(" ")).inheritIO().start();
        assertThat(restart.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(restart.exitValue()).as("'" + command + "' exit code").isZero();
    }

    @Test
    void eventStoreRefusesBadAppendsAndWritesNothing() {
        String stream = unique("study-");
        appendEvents(stream, null, null, "{\"type\":\"StudyCreated\",\"payload\":{}}");
        Reply stale = appendEvents(stream, "If-Match", "\"7\"", "{\"type\":\"TrialTold\",\"payload\":{}}");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.isProblem()).isTrue();
        assertThat(stale.json().getString("detail")).contains("version 0");
        assertThat(appendEvents(stream, "If-None-Match", "*", "{\"type\":\"StudyCreated\",\"payload\":{}}")
                        .status())
                .isEqualTo(412);
        assertThat(appendEvents(stream, null, null, "{\"type\":\"X\",\"payload\":[1]}")
                        .status())
                .isEqualTo(400);
        assertThat(appendEvents(stream, null, null, "{\"type\":\"X\",\"payload\":")
                        .status())
                .isEqualTo(400);
        assertThat(appendEvents("bad%20name%21", null, null, "{\"type\":\"X\",\"payload\":{}}")
                        .status())
                .isEqualTo(400);
        assertThat(http.get("api/v1/events/streams/" + stream, ADMIN)
                        .jsonValue()
                        .asJsonArray())
                .hasSize(1);

        Reply unknown = http.get("api/v1/events/streams/" + unique("nothing-"), ADMIN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(http.get("api/v1/events?after=not-a-position", ADMIN).status())
                .isEqualTo(400);
    }

    @Test
    void aRepeatedAppendOfTheSameIdsIsANoOp() {
        String stream = unique("study-");
        String event = "{\"id\":\"%s\",\"type\":\"StudyCreated\",\"payload\":{}}".formatted(UUID.randomUUID());
        assertThat(appendEvents(stream, "If-None-Match", "*", event).status()).isEqualTo(201);
        Reply again = appendEvents(stream, "If-None-Match", "*", event);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().getBoolean("replayed")).isTrue();
        String partly = "[%s,{\"type\":\"Told\",\"payload\":{}}]".formatted(event);
        Reply reused = appendEvents(stream, null, null, partly);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().getString("detail")).contains("nothing was written");
        assertThat(http.get("api/v1/events/streams/" + stream, ADMIN)
                        .jsonValue()
                        .asJsonArray())
                .hasSize(1);
        String viewer = createUser("viewer");
        Reply forbidden = http.send(http.request("api/v1/events/streams/" + stream)
                .header("Authorization", Http.basic(viewer, "a-long-password-1"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"X\",\"payload\":{}}"))
                .build());
        assertThat(forbidden.status()).isEqualTo(403);
    }

    // --- batch jobs -----------------------------------------------------------------------------------

    @Test
    void housekeepingJobPurgesRevokedTokens() throws Exception {
        // the IT node keeps inactive tokens for 0 days (MABEAM_TOKENS_RETENTION_DAYS=0)
        String id = http.postJson("api/v1/tokens", ADMIN, "{\"name\":\"doomed\"}")
                .json()
                .getString("id");
        http.delete("api/v1/tokens/" + id, ADMIN);

        Reply started = http.postJson("api/v1/jobs/api-token-housekeeping/runs", ADMIN, "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long run = started.json().getJsonNumber("id").longValue();
        JsonObject finished = null;
        for (int i = 0; i < 120 && finished == null; i++) {
            JsonObject state = http.get("api/v1/jobs/runs/" + run, ADMIN).json();
            if (List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(state.getString("status"))) {
                finished = state;
            } else {
                Thread.sleep(250);
            }
        }
        assertThat(finished).as("the run ended").isNotNull();
        assertThat(finished.getString("status")).isEqualTo("COMPLETED");
        assertThat(finished.getString("exitStatus")).matches("PURGED [1-9][0-9]*");
        assertThat(http.get("api/v1/tokens", ADMIN).body()).doesNotContain(id);
        assertThat(http.get("api/v1/jobs", ADMIN).body()).contains("\"name\":\"api-token-housekeeping\"");
        assertThat(http.get("metrics", null).body())
                .contains("mabeam_jobs_started_total{job=\"api-token-housekeeping\"");
    }

    @Test
    void onlyKnownJobsStartAndOnlyForOperators() {
        String viewer = createUser("viewer");
        Reply forbidden =
                http.postJson("api/v1/jobs/api-token-housekeeping/runs", Http.basic(viewer, "a-long-password-1"), "");
        assertThat(forbidden.status()).isEqualTo(403);
        Reply unknown = http.postJson("api/v1/jobs/format-the-disks/runs", ADMIN, "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getString("detail")).contains("api-token-housekeeping");
        assertThat(http.get("api/v1/jobs/runs/987654321", ADMIN).status()).isEqualTo(404);
    }

    // --- bad input: a clear 4xx problem and nothing changed -------------------------------------

    @Test
    void malformedJsonIs400AndCreatesNothing() {
        int before = users().size();
        Reply reply = http.postJson("api/v1/users", ADMIN, "{\"username\": \"broken\", ");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.json().getString("title")).isEqualTo("Malformed JSON");
        assertThat(users()).hasSize(before);
    }

    @Test
    void invalidFieldsAre400NamingEachField() {
        int before = users().size();
        Reply reply = http.postJson("api/v1/users", ADMIN, "{\"username\":\"\",\"roles\":[]}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().getString("detail"))
                .contains("username")
                .contains("password")
                .contains("roles");
        assertThat(users()).hasSize(before);
    }

    @Test
    void weakPasswordAndUnknownRoleAre400() {
        Reply weak = http.postJson(
                "api/v1/users", ADMIN, "{\"username\":\"weak\",\"password\":\"short\",\"roles\":[\"viewer\"]}");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().getString("detail")).contains("at least 12 characters");
        Reply role = http.postJson(
                "api/v1/users",
                ADMIN,
                "{\"username\":\"king\",\"password\":\"a-long-password-1\",\"roles\":[\"king\"]}");
        assertThat(role.status()).isEqualTo(400);
        assertThat(http.get("api/v1/users/king", ADMIN).status()).isEqualTo(404);
    }

    @Test
    void duplicateUserIs409() {
        String viewer = createUser("viewer");
        Reply again = http.postJson(
                "api/v1/users",
                ADMIN,
                "{\"username\":\"%s\",\"password\":\"a-long-password-1\",\"roles\":[\"admin\"]}".formatted(viewer));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.isProblem()).isTrue();
        JsonArray roles = http.get("api/v1/users/" + viewer, ADMIN).json().getJsonArray("roles");
        assertThat(roles.getString(0)).isEqualTo("viewer");
    }

    @Test
    void tokenRequestsAreValidatedAndChangeNothing() {
        int before = tokens().size();
        assertThat(http.postJson("api/v1/tokens", ADMIN, "{\"name\":\"\"}").status())
                .isEqualTo(400);
        assertThat(http.postJson("api/v1/tokens", ADMIN, "{\"name\":\"x\",\"lifetimeDays\":0}")
                        .status())
                .isEqualTo(400);
        Reply noOwner = http.postJson("api/v1/tokens", ADMIN, "{\"name\":\"x\",\"owner\":\"nobody-here\"}");
        assertThat(noOwner.status()).isEqualTo(400);
        assertThat(noOwner.json().getString("detail")).contains("nobody-here");
        Reply unknown = http.delete("api/v1/tokens/not-a-token", ADMIN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(tokens()).hasSize(before);
    }

    @Test
    void deletedUsersCanNoLongerLogInAndNobodyDeletesThemselves() {
        assertThat(http.delete("api/v1/users/admin", ADMIN).status()).isEqualTo(409);
        assertThat(http.delete("api/v1/users/nobody-here", ADMIN).status()).isEqualTo(404);
        String viewer = createUser("viewer");
        assertThat(http.get("api/v1/me", Http.basic(viewer, "a-long-password-1"))
                        .status())
                .isEqualTo(200);
        assertThat(http.delete("api/v1/users/" + viewer, ADMIN).status()).isEqualTo(204);
        assertThat(http.get("api/v1/users/" + viewer, ADMIN).status()).isEqualTo(404);
        assertThat(http.get("api/v1/me", Http.basic(viewer, "a-long-password-1"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void wrongContentTypeIs415() {
        Reply reply = http.send(http.request("api/v1/users")
                .header("Authorization", ADMIN)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("username=x"))
                .build());
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.isProblem()).isTrue();
    }

    @Test
    void oversizedBodyIs413WhetherDeclaredOrStreamed() {
        int before = users().size();
        // the IT node runs with MABEAM_API_MAX_BODY_BYTES=65536 (see the failsafe configuration)
        String huge = "{\"username\":\"" + "a".repeat(100_000) + "\"}";
        Reply declared = http.postJson("api/v1/users", ADMIN, huge);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.isProblem()).isTrue();

        Reply streamed = http.send(http.request("api/v1/users")
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes())))
                .build());
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(streamed.isProblem()).isTrue();
        assertThat(users()).hasSize(before);
    }

    @Test
    void unknownRoutesAre404Problems() {
        Reply api = http.get("api/v1/nowhere", ADMIN);
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.isProblem()).isTrue();
        Reply outside = http.get("nowhere/at/all", ADMIN);
        assertThat(outside.status()).isEqualTo(404);
        assertThat(outside.isProblem()).isTrue();
    }

    @Test
    void wrongMethodIs405AndWrongAcceptIs406() {
        Reply method = http.delete("api/v1/node", ADMIN);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.isProblem()).isTrue();
        Reply accept = http.send(http.request("api/v1/node")
                .header("Authorization", ADMIN)
                .header("Accept", "application/xml")
                .GET()
                .build());
        assertThat(accept.status()).isEqualTo(406);
        assertThat(accept.isProblem()).isTrue();
    }

    // --- this node ---------------------------------------------------------------------------------

    @Test
    void nodeReportsItsNameAndItselfAsMember() {
        JsonObject node = http.get("api/v1/node", ADMIN).json();
        assertThat(node.getString("name")).isEqualTo("it-node");
        assertThat(node.getBoolean("clustered")).isTrue();
        assertThat(node.getString("clusterName")).isEqualTo("mabeam-it-web");
        List<JsonObject> members = node.getJsonArray("members").getValuesAs(JsonObject.class);
        assertThat(members).anySatisfy(m -> {
            assertThat(m.getBoolean("local")).isTrue();
            assertThat(m.getString("nodeName")).isEqualTo("it-node");
            assertThat(m.getString("address")).isEqualTo("127.0.0.1:6960");
        });
    }

    private void awaitMembers(int count) throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            if (http.get("api/v1/cluster/members", ADMIN)
                            .jsonValue()
                            .asJsonArray()
                            .size()
                    == count) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the cluster did not return to " + count + " member(s)");
    }

    // --- the console, in a real browser -------------------------------------------------------------

    @Test
    void consoleLoginLeadsToTheDashboard() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/");
            assertThat(browser.currentPath()).startsWith("/console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");

            assertThat(browser.textOf("node-name")).isEqualTo("it-node");
            assertThat(browser.textOf("database-product")).startsWith("PostgreSQL");
            assertThat(browser.textOf("overall-health")).isEqualTo("UP");
            assertThat(browser.waitForText("#members")).contains("it-node").contains("Cluster members (1)");
            assertThat(browser.waitForText("#session")).contains("admin");
            assertThat(browser.screenshot("console-dashboard")).isNotEmptyFile();

            browser.go("console/index.xhtml");
            assertThat(browser.textOf("node-name")).isEqualTo("it-node"); // the session holds
        }
    }

    @Test
    void consoleRefusesAWrongPassword() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "not-the-password");
            assertThat(browser.waitForText(".ui-messages-error")).contains("Invalid username or password");
            assertThat(browser.currentPath()).startsWith("/console/login.xhtml");
            browser.screenshot("console-login-refused");
        }
    }

    @Test
    void adminManagesUsersAndTokensInTheConsole() {
        String name = unique("console");
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");
            browser.click("nav-users");
            browser.type("users:username", name);
            browser.type("users:password", "a-long-password-1");
            browser.click("users:create");
            assertThat(browser.awaitText("#users\\:table", name)).contains(name);
            assertThat(http.get("api/v1/users/" + name, ADMIN).status()).isEqualTo(200);

            browser.type("users:username", name);
            browser.type("users:password", "short");
            browser.click("users:create");
            assertThat(browser.awaitText("#users\\:messages", "at least 12 characters"))
                    .isNotBlank();

            browser.click("nav-tokens");
            browser.type("tokens:name", name + "-token");
            browser.click("tokens:issue");
            String secret = browser.awaitText("#secret", "mbt_");
            browser.screenshot("console-token-issued");
            assertThat(http.get("api/v1/me", "Bearer " + secret).status()).isEqualTo(200);

            String revoke = browser.idOfButtonInRowWith("tokens:table", name + "-token");
            browser.click(revoke);
            browser.awaitText("#tokens\\:messages", "revoked");
            assertThat(http.get("api/v1/me", "Bearer " + secret).status()).isEqualTo(401);
        }
    }

    @Test
    void eventBrowserFiltersTheLog() {
        String stream = unique("browse-");
        appendEvents(
                stream,
                null,
                null,
                "[{\"type\":\"StudyCreated\",\"payload\":{}},{\"type\":\"TrialTold\",\"payload\":{\"v\":1}}]");
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");
            browser.click("nav-events");
            browser.type("events:stream", stream);
            browser.click("events:search");
            String table = browser.awaitText("#events\\:table", "TrialTold");
            assertThat(table).contains(stream).contains("StudyCreated").contains("it-correlation");
            browser.type("events:type", "TrialTold");
            browser.click("events:search");
            assertThat(browser.awaitTextWithout("#events\\:table", "TrialTold", "StudyCreated"))
                    .contains(stream);
            browser.screenshot("console-events");
            assertThat(browser.waitForText("#events\\:subscriptions")).contains("foundation.event-type-counts");
            assertThat(browser.waitForText("#events\\:retention")).contains("Apply now");

            http.putJson("api/v1/events/streams/" + stream + "/snapshots/1", ADMIN, "{\"trials\":1}");
            browser.click("events:streamTools_toggler");
            browser.click("events:snapshot");
            assertThat(browser.awaitText("#events\\:streamTools", "at version 1"))
                    .contains("trials");

            browser.click("events:live");
            browser.awaitText("#events\\:table", "No events match");
            appendEvents(stream, null, null, "{\"type\":\"TrialTold\",\"payload\":{\"v\":2}}");
            assertThat(browser.awaitText("#events\\:table", "{\"v\": 2}")).contains(stream);
        }
    }

    @Test
    void configurationIsEditedInTheConsoleWithValidationAndHistory() {
        String key = "it.console." + UUID.randomUUID().toString().substring(0, 8);
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");
            browser.click("nav-config");
            browser.click("config:declare_toggler");
            browser.type("config:newKey", key);
            browser.select("config:newType", "integer");
            browser.type("config:newMinimum", "1");
            browser.type("config:newMaximum", "10");
            browser.type("config:newDescription", "console test");
            browser.click("config:declareSetting");
            assertThat(browser.awaitText("#config\\:messages", "declared")).contains(key);
            browser.awaitText("#config\\:settings", key);
            browser.clickLinkInRowWith("config:settings", key);
            browser.awaitText("#config\\:editor", key);
            browser.type("config:value", "50");
            browser.click("config:save");
            assertThat(browser.awaitText("#config\\:messages", "at most 10")).contains(key);
            browser.type("config:value", "5");
            browser.type("config:comment", "set from the console");
            browser.click("config:save");
            browser.awaitText("#config\\:messages", "version 0");
            assertThat(browser.awaitText("#config\\:history", "set from the console"))
                    .contains("admin");
            browser.screenshot("console-config");
        }
        assertThat(http.get("api/v1/config/" + key, ADMIN).json().getString("value"))
                .isEqualTo("5");
    }

    @Test
    void clusterPageShowsLeadersTasksAndLeasesAndReleasesThem() {
        String lock = unique("it-console-lock-");
        Reply lease = http.postJson("api/v1/coordination/locks/" + lock + "/leases", ADMIN, "{\"ttl\":\"PT5M\"}");
        assertThat(lease.status()).as(lease.body()).isEqualTo(201);
        http.putJson(
                "api/v1/coordination/fences/" + lock,
                ADMIN,
                "{\"token\":" + lease.json().getJsonNumber("fence") + "}");
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");
            browser.click("nav-cluster");
            assertThat(browser.awaitText("#cluster\\:members", "it-node"))
                    .contains("this node")
                    .contains("study-scheduler")
                    .contains("cores=");
            assertThat(browser.awaitText("#cluster\\:leaders", "study-scheduler"))
                    .contains("it-node");
            assertThat(browser.awaitText("#cluster\\:tasks", "leadership-watch"))
                    .contains("running");
            assertThat(browser.awaitText("#cluster\\:overview", "quorum")).contains("takes part in leadership");
            browser.awaitText("#cluster\\:leases", lock);
            browser.type("cluster:resource", lock);
            browser.click("cluster:lookUp");
            assertThat(browser.awaitText(
                            "#cluster\\:fence",
                            lease.json().getJsonNumber("fence").toString()))
                    .isNotBlank();
            browser.screenshot("console-cluster");
            browser.click(browser.idOfButtonInRowWith("cluster:leases", lock));
            browser.awaitText("#cluster\\:messages", "Released");
        }
        assertThat(http.get("api/v1/coordination/leases", ADMIN).body()).doesNotContain(lock);
    }

    @Test
    void latchesBarriersSemaphoresAndSupervisedTasksOverRest() {
        String latch = unique("it-latch-");
        assertThat(http.putJson("api/v1/coordination/latches/" + latch, ADMIN, "{\"count\":2}")
                        .status())
                .isEqualTo(201);
        assertThat(http.putJson("api/v1/coordination/latches/" + latch, ADMIN, "{\"count\":2}")
                        .status())
                .isEqualTo(409);
        assertThat(http.postJson("api/v1/coordination/latches/" + latch + "/count-down", ADMIN, "")
                        .json()
                        .getInt("count"))
                .isEqualTo(1);
        assertThat(http.postJson("api/v1/coordination/latches/" + latch + "/waits", ADMIN, "{\"wait\":\"PT0.1S\"}")
                        .json()
                        .getBoolean("open"))
                .isFalse();
        http.postJson("api/v1/coordination/latches/" + latch + "/count-down", ADMIN, "");
        assertThat(http.get("api/v1/coordination/latches/" + latch, ADMIN)
                        .json()
                        .getBoolean("open"))
                .isTrue();

        String barrier = "api/v1/coordination/barriers/" + unique("it-rung-") + "/rounds/3";
        Reply first = http.postJson(barrier + "/arrivals", ADMIN, "{\"participant\":\"trial-1\",\"parties\":2}");
        assertThat(first.json().getInt("arrived")).isEqualTo(1);
        assertThat(first.json().getBoolean("open")).isFalse();
        http.postJson(barrier + "/arrivals", ADMIN, "{\"participant\":\"trial-1\",\"parties\":2}");
        assertThat(http.get(barrier, ADMIN).json().getInt("arrived")).isEqualTo(1);
        assertThat(http.postJson(barrier + "/arrivals", ADMIN, "{\"participant\":\"trial-2\",\"parties\":5}")
                        .status())
                .isEqualTo(409);
        Reply last = http.postJson(
                barrier + "/arrivals", ADMIN, "{\"participant\":\"trial-2\",\"parties\":2,\"wait\":\"PT5S\"}");
        assertThat(last.json().getBoolean("open")).isTrue();

        String semaphore = "api/v1/coordination/semaphores/" + unique("it-gpu-");
        assertThat(http.putJson(semaphore, ADMIN, "{\"permits\":3}").status()).isEqualTo(201);
        assertThat(http.putJson(semaphore, ADMIN, "{\"permits\":3}").status()).isEqualTo(409);
        assertThat(http.get(semaphore, ADMIN).json().getInt("available")).isEqualTo(3);

        // bad input: a clear 400 problem, nothing changed
        for (Reply bad : List.of(
                http.putJson("api/v1/coordination/latches/" + latch, ADMIN, "{\"count\":0}"),
                http.putJson("api/v1/coordination/latches/" + latch, ADMIN, "{\"count\":\"two\"}"),
                http.putJson("api/v1/coordination/latches/-bad", ADMIN, "{\"count\":1}"),
                http.postJson("api/v1/coordination/latches/" + latch + "/waits", ADMIN, "{\"wait\":\"-PT1S\"}"),
                http.postJson(barrier + "/arrivals", ADMIN, "{\"participant\":\"trial-3\",\"parties\":-1}"),
                http.postJson(barrier + "/arrivals", ADMIN, "{\"parties\":2}"),
                http.putJson(semaphore, ADMIN, "{\"permits\":1.5}"))) {
            assertThat(bad.status()).as(bad.body()).isEqualTo(400);
            assertThat(bad.isProblem()).isTrue();
        }
        assertThat(http.get("api/v1/coordination/latches/" + latch, ADMIN)
                        .json()
                        .getInt("count"))
                .isZero();
        assertThat(http.get(semaphore, ADMIN).json().getInt("available")).isEqualTo(3);

        JsonObject watch = http.get("api/v1/tasks/leadership-watch", ADMIN).json();
        assertThat(watch.getString("strategy")).isEqualTo("permanent");
        assertThat(watch.getString("status")).isEqualTo("running");
        assertThat(http.postJson("api/v1/tasks/leadership-watch/restarts", ADMIN, "")
                        .status())
                .isEqualTo(409);
        assertThat(http.get("api/v1/tasks/no-such-task", ADMIN).status()).isEqualTo(404);
        assertThat(http.get("api/v1/tasks/Bad%20Name", ADMIN).status()).isEqualTo(400);
        assertThat(http.get("api/v1/health", ADMIN).body()).contains("\"tasks\"");
    }

    @Test
    void alertsGoThroughRetriesAndACircuitBreakerOpensOnADeadWebhook() throws Exception {
        String key = "mabeam.alerts.webhook-url";
        AtomicInteger calls = new AtomicInteger();
        List<String> received = new CopyOnWriteArrayList<>();
        // the webhook receiver is a third party: a real HTTP server in this JVM, failing twice before it takes one
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (calls.incrementAndGet() <= 2) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                received.add(body);
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.start();
        try {
            assertThat(http.postJson("api/v1/alerts/test", ADMIN, "").status()).isEqualTo(409);
            Reply malformed = putConfig(key, null, "{\"value\":\"ftp://example.org/hook\"}");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.isProblem()).isTrue();

            useWebhook(key, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            Reply delivered = http.postJson("api/v1/alerts/test", ADMIN, "");
            assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
            assertThat(delivered.json().getBoolean("delivered"))
                    .as(delivered.body())
                    .isTrue();
            assertThat(calls).as("two 503 answers were retried").hasValue(3);
            assertThat(received).singleElement().asString().contains("\"kind\":\"test\"", "\"text\":");

            int deadPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                deadPort = socket.getLocalPort();
            }
            useWebhook(key, "http://127.0.0.1:" + deadPort + "/hook");
            assertThat(http.postJson("api/v1/alerts/test", ADMIN, "").json().getBoolean("delivered"))
                    .isFalse();
            Reply refused = http.postJson("api/v1/alerts/test", ADMIN, "");
            assertThat(refused.json().getString("reason")).contains("circuit breaker open");
            JsonObject breaker = http
                    .get("api/v1/resilience/breakers", ADMIN)
                    .jsonValue()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class)
                    .stream()
                    .filter(b -> b.getString("name").equals("outbound-http"))
                    .findFirst()
                    .orElseThrow();
            assertThat(breaker.getString("state")).isEqualTo("open");
            assertThat(breaker.getJsonNumber("refused").longValue()).isPositive();
            awaitHealthDetail("outbound-http open"); // the health monitor looks every 5 s
            assertThat(http.get("metrics?scope=application", null).body())
                    .contains("mabeam_resilience_breaker_open{breaker=\"outbound-http\"");
            List<String> recorded = http
                    .get("api/v1/events?stream=alerts&limit=100", ADMIN)
                    .jsonValue()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class)
                    .stream()
                    .map(e -> e.getString("type"))
                    .toList();
            assertThat(recorded).contains("AlertDelivered", "AlertNotDelivered");
        } finally {
            receiver.stop(0);
            http.delete("api/v1/config/" + key, ADMIN);
        }
    }

    void awaitHealthDetail(String detail) throws InterruptedException {
        String health = "";
        for (int i = 0; i < 150 && !health.contains(detail); i++) {
            Thread.sleep(100);
            health = http.get("api/v1/health", ADMIN).body();
        }
        assertThat(health).contains(detail);
    }

    void useWebhook(String key, String url) throws InterruptedException {
        assertThat(putConfig(key, null, "{\"value\":\"" + url + "\"}").status()).isEqualTo(200);
        for (int i = 0; i < 100; i++) {
            // until MicroProfile Config, which the alerts read, resolves the new value
            JsonObject setting = http.get("api/v1/config/" + key, ADMIN).json();
            if (setting.containsKey("effective")
                    && url.equals(setting.getJsonObject("effective").getString("value", ""))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the node never cached " + url);
    }

    @Test
    void registryAndHealthPagesShowTheNode() {
        String namespace = unique("it-");
        http.postJson("api/v1/registry/" + namespace, ADMIN, "{\"name\":\"worker-a\",\"metadata\":{\"pool\":\"cpu\"}}");
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");
            browser.click("nav-registry");
            browser.type("registry:namespace", namespace);
            browser.click("registry:show");
            assertThat(browser.awaitText("#registry\\:entries", "worker-a"))
                    .contains("it-node")
                    .contains("pool");
            browser.screenshot("console-registry");
            browser.click("nav-health");
            browser.awaitText("#health\\:components", "event-store");
            assertThat(browser.awaitText("#health\\:history", "started")).isNotBlank();
            browser.screenshot("console-health");
        }
    }

    @Test
    void viewerSeesNoAdministrationInTheConsole() {
        String viewer = createUser("viewer");
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn(viewer, "a-long-password-1");
            assertThat(browser.textOf("node-name")).isEqualTo("it-node");
            assertThat(browser.isPresent("nav-users")).isFalse();
            browser.go("console/users.xhtml");
            assertThat(browser.textOf("error-status")).isEqualTo("403 Forbidden");
        }
    }

    private List<JsonObject> tokens() {
        return http.get("api/v1/tokens", ADMIN).jsonValue().asJsonArray().getValuesAs(JsonObject.class);
    }

    private List<JsonObject> users() {
        return http.get("api/v1/users", ADMIN).jsonValue().asJsonArray().getValuesAs(JsonObject.class);
    }
}
