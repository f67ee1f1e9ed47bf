package io.mabeam.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * The optimization engine through its REST API on one node (Payara Micro, PostgreSQL): live variables,
 * studies driven by ask and tell as a client in any language would, validation, concurrency, pruning,
 * heartbeats, and a study tuning live variables and platform settings.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OptimizationIT {

    static final String ADMIN = Http.basic("admin", "it-admin-password-1");
    static final String SPACE = """
            {"variables": [
              {"name": "x", "type": "float", "low": -5, "high": 10},
              {"name": "layers", "type": "int", "low": 1, "high": 8},
              {"name": "optimizer", "type": "categorical", "choices": ["sgd", "adam"]},
              {"name": "momentum", "type": "float", "low": 0.5, "high": 0.99, "when": {"parent": "optimizer", "in": ["sgd"]}}
            ]}""";

    @ArquillianResource
    URL base;

    Http http;
    static String token;

    @Deployment(testable = false)
    static WebArchive mabeamWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("mabeam.war")));
    }

    @BeforeEach
    void client() throws Exception {
        http = new Http(new URI("http", null, "127.0.0.1", base.toURI().getPort(), "/", null, null));
        if (token == null) {
            // a bearer token: cheap to check, unlike a password hash on every request
            Reply issued = http.postJson(
                    "api/v1/tokens", ADMIN, "{\"name\":\"optimization-it\",\"owner\":\"admin\",\"lifetimeDays\":1}");
            assertThat(issued.status()).as(issued.body()).isEqualTo(201);
            token = "Bearer " + issued.json().getString("secret");
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String create(String name, String extra) {
        Reply created = http.postJson(
                "api/v1/studies", token, "{\"name\":\"%s\",\"searchSpace\":%s%s}".formatted(name, SPACE, extra));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    JsonObject ask(String study) {
        Reply asked = http.postJson("api/v1/studies/" + study + "/trials", token, "{}");
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        return asked.json();
    }

    Reply tell(String study, long number, String body) {
        return http.postJson("api/v1/studies/" + study + "/trials/" + number + "/tell", token, body);
    }

    static double objective(JsonObject parameters) {
        double x = parameters.getJsonNumber("x").doubleValue();
        return (x - 2) * (x - 2) + parameters.getJsonNumber("layers").doubleValue() / 10;
    }

    @Test
    void askAndTellDriveAStudyToItsBestTrialAndEveryStepIsAnEvent() {
        String study = create(unique("quadratic"), ",\"sampler\":{\"name\":\"tpe\"},\"seed\":7");
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 25; i++) {
            JsonObject trial = ask(study);
            assertThat(trial.getJsonNumber("number").longValue()).isEqualTo(i);
            assertThat(trial.getString("state")).isEqualTo("running");
            JsonObject parameters = trial.getJsonObject("parameters");
            // the conditional variable is there exactly when its parent says so
            assertThat(parameters.containsKey("momentum"))
                    .isEqualTo(parameters.getString("optimizer").equals("sgd"));
            double value = objective(parameters);
            best = Math.min(best, value);
            Reply told = tell(study, i, "{\"values\":[%s]}".formatted(value));
            assertThat(told.status()).as(told.body()).isEqualTo(200);
            assertThat(told.json().getString("state")).isEqualTo("complete");
        }
        JsonObject summary = http.get("api/v1/studies/" + study, token).json();
        assertThat(summary.getJsonNumber("trials").longValue()).isEqualTo(25);
        assertThat(summary.getJsonObject("trialsByState").getInt("complete")).isEqualTo(25);
        assertThat(summary.getJsonNumber("seed").longValue()).isEqualTo(7);
        JsonArray bestTrials =
                http.get("api/v1/studies/" + study + "/best", token).json().getJsonArray("trials");
        assertThat(bestTrials).hasSize(1);
        assertThat(bestTrials
                        .getJsonObject(0)
                        .getJsonArray("values")
                        .getJsonNumber(0)
                        .doubleValue())
                .isEqualTo(best);

        JsonObject page = http.get("api/v1/studies/" + study + "/trials?state=complete&offset=20&limit=3", token)
                .json();
        assertThat(page.getInt("total")).isEqualTo(25);
        assertThat(page.getJsonArray("trials").getValuesAs(JsonObject.class))
                .extracting(t -> t.getInt("number"))
                .containsExactly(20, 21, 22);

        Reply csv = http.get("api/v1/studies/" + study + "/trials.csv", token);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines().toList())
                .hasSize(26)
                .first()
                .isEqualTo(
                        "number,state,value,params_x,params_layers,params_optimizer,params_momentum,datetime_start,datetime_complete");

        JsonArray events = http.get("api/v1/events/streams/study:" + study, ADMIN)
                .jsonValue()
                .asJsonArray();
        assertThat(events.getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("type"))
                .startsWith("StudyCreated", "TrialAsked", "TrialCompleted")
                .hasSize(51);
    }

    static final String HARTMANN_SPACE = """
            {"variables": [
              {"name": "x0", "type": "float", "low": 0, "high": 1}, {"name": "x1", "type": "float", "low": 0, "high": 1},
              {"name": "x2", "type": "float", "low": 0, "high": 1}, {"name": "x3", "type": "float", "low": 0, "high": 1},
              {"name": "x4", "type": "float", "low": 0, "high": 1}, {"name": "x5", "type": "float", "low": 0, "high": 1}
            ]}""";

    Reply spawn(String id, String type, String config) {
        return http.postJson(
                "api/v1/agents", token, "{\"id\":\"%s\",\"type\":\"%s\",\"config\":%s}".formatted(id, type, config));
    }

    @Test
    void anOptimizerAgentWithTwoTrainersDrivesAStudyToItsBudgetTellingEveryTrialOnce() throws Exception {
        String study = unique("agents");
        Reply created = http.postJson(
                "api/v1/studies",
                token,
                "{\"name\":\"%s\",\"searchSpace\":%s,\"sampler\":{\"name\":\"tpe\"}}".formatted(study, HARTMANN_SPACE));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String t1 = unique("trainer");
        String t2 = unique("trainer");
        assertThat(spawn(t1, "trainer", "{}").status()).isEqualTo(201);
        assertThat(spawn(t2, "trainer", "{}").status()).isEqualTo(201);
        String optimizer = unique("optimizer");
        Reply started = spawn(
                optimizer,
                "optimizer",
                "{\"study\":\"%s\",\"objective\":\"hartmann6\",\"budget\":24,\"trainers\":[\"%s\",\"%s\"]}"
                        .formatted(study, t1, t2));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(started.json().getString("type")).isEqualTo("optimizer");

        JsonObject report = null;
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Reply status = http.postJson(
                    "api/v1/agents/" + optimizer + "/messages",
                    token,
                    "{\"message\":{\"type\":\"status\"},\"awaitReply\":true}");
            assertThat(status.status()).as(status.body()).isEqualTo(200);
            report = status.json().getJsonObject("reply");
            if (report.getBoolean("done")) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(report.getBoolean("done")).as(report.toString()).isTrue();
        assertThat(report.getInt("told")).isEqualTo(24);
        JsonArray trials = http.get("api/v1/studies/" + study + "/trials?limit=100", token)
                .json()
                .getJsonArray("trials");
        assertThat(trials).hasSize(24);
        assertThat(trials.stream().map(t -> t.asJsonObject().getString("state")))
                .containsOnly("complete");
        assertThat(trials.stream().map(t -> t.asJsonObject().getInt("number")).distinct())
                .hasSize(24);

        // the agents are listed with their type and live counters, and their lifecycle is in the event store
        JsonArray trainers = http.get("api/v1/agents?type=trainer&capability=train", token)
                .json()
                .getJsonArray("agents");
        assertThat(trainers.stream().map(a -> a.asJsonObject().getString("id"))).contains(t1, t2);
        JsonObject detail = http.get("api/v1/agents/" + t1, token).json();
        assertThat(detail.getString("state")).isEqualTo("running");
        assertThat(detail.getJsonObject("live").getInt("processed")).isPositive();
        long monitored = System.currentTimeMillis() + 10_000;
        while (!detail.containsKey("performance") && System.currentTimeMillis() < monitored) {
            Thread.sleep(200);
            detail = http.get("api/v1/agents/" + t1, token).json();
        }
        assertThat(detail.getJsonObject("performance")
                        .getJsonNumber("successRate")
                        .doubleValue())
                .isEqualTo(1.0);

        // a restart starts the next incarnation on the same node
        Reply restarted = http.postJson("api/v1/agents/" + t2 + "/restart", token, "");
        assertThat(restarted.status()).as(restarted.body()).isEqualTo(200);
        assertThat(restarted.json().getInt("incarnation")).isEqualTo(2);
        assertThat(restarted.json().getJsonObject("live").getInt("processed")).isZero();
        long waitEvents = System.currentTimeMillis() + 10_000;
        JsonArray lifecycle = null;
        while (System.currentTimeMillis() < waitEvents) {
            lifecycle = http.get("api/v1/events/streams/agent:" + t1, ADMIN)
                    .jsonValue()
                    .asJsonArray();
            if (lifecycle.size() >= 2) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(lifecycle.stream().map(e -> e.asJsonObject().getString("type")))
                .contains("AgentStateChanged");

        // stopped: it says so, takes no more messages, and its spec stays as a record
        assertThat(http.postJson("api/v1/agents/" + optimizer + "/stop", token, "")
                        .status())
                .isEqualTo(200);
        long stopDeadline = System.currentTimeMillis() + 10_000;
        String state = "";
        while (System.currentTimeMillis() < stopDeadline && !state.equals("stopped")) {
            state = http.get("api/v1/agents/" + optimizer, token).json().getString("state");
            Thread.sleep(100);
        }
        assertThat(state).isEqualTo("stopped");
        assertThat(http.get("api/v1/agents/" + optimizer, token).json().getBoolean("wanted"))
                .isFalse();
        assertThat(http.postJson(
                                "api/v1/agents/" + optimizer + "/messages",
                                token,
                                "{\"message\":{\"type\":\"status\"},\"awaitReply\":true}")
                        .status())
                .isEqualTo(503);
    }

    @Test
    void anAgentOverAConfiguredThresholdRaisesAnAlertThatReachesTheWebhook() throws Exception {
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        // the webhook receiver is a third party: a real HTTP server in this JVM
        com.sun.net.httpserver.HttpServer receiver =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String webhook = "api/v1/config/mabeam.alerts.webhook-url";
        String slow = "api/v1/config/mabeam.agents.alert.max-mean-micros";
        try {
            Reply badRate = http.putJson("api/v1/config/mabeam.agents.alert.min-success-rate", ADMIN, "{\"value\":2}");
            assertThat(badRate.status()).isEqualTo(400);
            assertThat(badRate.isProblem()).isTrue();
            assertThat(http.putJson(
                                    webhook,
                                    ADMIN,
                                    "{\"value\":\"http://127.0.0.1:%d/hook\"}"
                                            .formatted(receiver.getAddress().getPort()))
                            .status())
                    .isEqualTo(200);
            // one microsecond per message: any agent that works is over it
            assertThat(http.putJson(slow, ADMIN, "{\"value\":1}").status()).isEqualTo(200);
            String id = unique("watched");
            assertThat(spawn(id, "echo", "{}").status()).isEqualTo(201);
            // ~16 messages a second: each its own turn, one turn in sixteen is timed, and well under the client's
            // write limit (1200 a minute), which a busier loop reached on a loaded machine before any alert
            long deadline = System.currentTimeMillis() + 60_000;
            while (received.stream().noneMatch(body -> body.contains(id)) && System.currentTimeMillis() < deadline) {
                for (int i = 0; i < 8; i++) {
                    http.postJson("api/v1/agents/" + id + "/messages", token, "{\"message\":{},\"awaitReply\":true}");
                }
                Thread.sleep(500);
            }
            assertThat(received).anySatisfy(body -> assertThat(body).contains(id, "\"kind\":\"agent-slow-messages\""));
            assertThat(http.get("api/v1/events/streams/agent:" + id, ADMIN).body())
                    .contains("AgentAlertRaised");
        } finally {
            receiver.stop(0);
            http.delete(webhook, ADMIN);
            http.delete(slow, ADMIN);
        }
    }

    @Test
    void badAgentRequestsAreProblemsAndChangeNothing() {
        String id = unique("echo");
        Reply unknownType = spawn(id, "oracle", "{}");
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.isProblem()).isTrue();
        assertThat(unknownType.json().getString("detail")).contains("oracle").contains("optimizer");
        Reply badConfig =
                spawn(id, "optimizer", "{\"study\":\"s\",\"objective\":\"branin\",\"budget\":0,\"trainers\":[\"t\"]}");
        assertThat(badConfig.status()).isEqualTo(400);
        assertThat(badConfig.json().getString("detail")).contains("budget");
        Reply badRestart = http.postJson(
                "api/v1/agents", token, "{\"id\":\"%s\",\"type\":\"echo\",\"restart\":\"sometimes\"}".formatted(id));
        assertThat(badRestart.status()).isEqualTo(400);
        assertThat(badRestart.json().getString("detail")).contains("restart");
        Reply badMailbox =
                http.postJson("api/v1/agents", token, "{\"id\":\"%s\",\"type\":\"echo\",\"mailbox\":0}".formatted(id));
        assertThat(badMailbox.status()).isEqualTo(400);
        Reply badId = spawn("no spaces allowed", "echo", "{}");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(http.get("api/v1/agents/" + id, token).status()).isEqualTo(404);

        assertThat(spawn(id, "echo", "{}").status()).isEqualTo(201);
        Reply duplicate = spawn(id, "echo", "{}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.isProblem()).isTrue();
        Reply echoed = http.postJson(
                "api/v1/agents/" + id + "/messages", token, "{\"message\":{\"hello\":\"agent\"},\"awaitReply\":true}");
        assertThat(echoed.status()).as(echoed.body()).isEqualTo(200);
        assertThat(echoed.json().getJsonObject("reply").getJsonObject("echo").getString("hello"))
                .isEqualTo("agent");
        assertThat(http.postJson("api/v1/agents/" + id + "/messages", token, "{\"message\":{\"n\":1}}")
                        .status())
                .isEqualTo(202);
        assertThat(http.postJson("api/v1/agents/" + unique("nobody") + "/messages", token, "{\"message\":{}}")
                        .status())
                .isEqualTo(404);
        Reply notAnObject = http.postJson("api/v1/agents/" + id + "/messages", token, "{\"message\":[1,2]}");
        assertThat(notAnObject.status()).isEqualTo(400);
        Reply oversized = http.postJson(
                "api/v1/agents/" + id + "/messages",
                token,
                "{\"message\":{\"blob\":\"" + "x".repeat(100_000) + "\"}}"); // the IT node allows 65536 bytes
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(oversized.isProblem()).isTrue();
        // the echo counted only the two messages it took
        Reply again = http.postJson("api/v1/agents/" + id + "/messages", token, "{\"message\":{},\"awaitReply\":true}");
        assertThat(again.json().getJsonObject("reply").getInt("answered")).isEqualTo(3);
        Reply badTimeout =
                http.postJson("api/v1/agents/" + id + "/messages", token, "{\"message\":{},\"timeout\":\"soon\"}");
        assertThat(badTimeout.status()).isEqualTo(400);

        // at least once: a message sent again under its id is handled once
        String once =
                "{\"message\":{\"n\":2},\"delivery\":\"at-least-once\",\"messageId\":\"m-1\",\"awaitReply\":true}";
        Reply first = http.postJson("api/v1/agents/" + id + "/messages", token, once);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().getString("status")).isEqualTo("handled");
        assertThat(first.json().getJsonObject("reply").getInt("answered")).isEqualTo(4);
        Reply second = http.postJson("api/v1/agents/" + id + "/messages", token, once);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().getString("status")).isEqualTo("duplicate");
        for (String bad : List.of(
                "{\"message\":{},\"delivery\":\"twice\"}",
                "{\"message\":{},\"messageId\":\"no spaces\"}",
                "{\"message\":{},\"awaitReply\":\"yes\"}",
                "{\"message\":{},\"timeout\":\"PT0S\"}")) {
            Reply refused = http.postJson("api/v1/agents/" + id + "/messages", token, bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.isProblem()).isTrue();
        }
        Reply counted =
                http.postJson("api/v1/agents/" + id + "/messages", token, "{\"message\":{},\"awaitReply\":true}");
        assertThat(counted.json().getJsonObject("reply").getInt("answered")).isEqualTo(5);

        // placement and topics: bad ones are refused before anything is recorded
        String placed = unique("placed");
        for (String bad : List.of(
                "{\"id\":\"%s\",\"type\":\"echo\",\"placement\":\"anywhere\"}",
                "{\"id\":\"%s\",\"type\":\"echo\",\"node\":\"no-such-node\"}",
                "{\"id\":\"%s\",\"type\":\"echo\",\"topics\":[\"a,b\"]}",
                "{\"id\":\"%s\",\"type\":\"echo\",\"topics\":\"news\"}")) {
            Reply refused = http.postJson("api/v1/agents", token, bad.formatted(placed));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.isProblem()).isTrue();
        }
        Reply noGpu = http.postJson(
                "api/v1/agents", token, "{\"id\":\"%s\",\"type\":\"echo\",\"requires\":[\"gpu\"]}".formatted(placed));
        assertThat(noGpu.status()).isEqualTo(503);
        assertThat(noGpu.json().getString("detail")).contains("gpu");
        assertThat(spawn("nodes", "echo", "{}").status()).isEqualTo(400);
        assertThat(http.get("api/v1/agents/" + placed, token).status()).isEqualTo(404);

        Reply subscribed = http.postJson(
                "api/v1/agents",
                token,
                "{\"id\":\"%s\",\"type\":\"echo\",\"placement\":\"least-loaded\",\"topics\":[\"it-news\"]}"
                        .formatted(placed));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        assertThat(subscribed.json().getJsonArray("topics").getString(0)).isEqualTo("it-news");
        assertThat(http.putJson("api/v1/agents/" + id + "/topics/it-news", token, "")
                        .status())
                .isEqualTo(200);
        Reply published = http.postJson(
                "api/v1/agents/topics/it-news/messages", token, "{\"message\":{\"headline\":1},\"awaitReply\":true}");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.json().getInt("addressed")).isEqualTo(2);
        assertThat(published.json().getJsonObject("byStatus").getInt("handled")).isEqualTo(2);
        assertThat(http.delete("api/v1/agents/" + id + "/topics/it-news", token).status())
                .isEqualTo(200);
        Reply broadcast =
                http.postJson("api/v1/agents/broadcast", token, "{\"topic\":\"it-news\",\"message\":{\"headline\":2}}");
        assertThat(broadcast.json().getInt("addressed")).isEqualTo(1);
        assertThat(broadcast.json().getJsonObject("byStatus").getInt("sent")).isEqualTo(1);
        assertThat(http.putJson("api/v1/agents/" + id + "/topics/bad%20topic", token, "")
                        .status())
                .isEqualTo(400);
        assertThat(spawn(unique("idle-trainer"), "trainer", "{}").status()).isEqualTo(201); // takes no "shout"
        for (String[] bad : new String[][] {
            {"api/v1/agents/broadcast", "{\"topic\":\"it-news\"}"},
            {"api/v1/agents/broadcast", "{\"message\":{},\"awaitReply\":\"yes\"}"},
            {"api/v1/agents/broadcast", "{\"topic\":\"a,b\",\"message\":{}}"},
            {"api/v1/agents/broadcast", "{\"type\":\"trainer\",\"message\":{\"type\":\"shout\"}}"},
            {"api/v1/agents/topics/it-news/messages", "{\"message\":{},\"timeout\":\"PT10M\"}"},
            {"api/v1/agents/topics/bad%20topic/messages", "{\"message\":{}}"}
        }) {
            Reply refused = http.postJson(bad[0], token, bad[1]);
            assertThat(refused.status()).as(bad[1]).isEqualTo(400);
            assertThat(refused.isProblem()).isTrue();
        }
        JsonArray nodes = http.get("api/v1/agents/nodes", token).json().getJsonArray("nodes");
        assertThat(nodes).hasSize(1);
        assertThat(nodes.getJsonObject(0).getInt("agents")).isPositive();
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String name = unique("bad");
        Reply lowAboveHigh = http.postJson(
                "api/v1/studies",
                token,
                "{\"name\":\"%s\",\"searchSpace\":{\"variables\":[{\"name\":\"x\",\"type\":\"float\",\"low\":2,\"high\":1}]}}"
                        .formatted(name));
        assertThat(lowAboveHigh.status()).isEqualTo(400);
        assertThat(lowAboveHigh.isProblem()).isTrue();
        assertThat(lowAboveHigh.json().getString("detail")).contains("low").contains("high");
        Reply emptyChoices = http.postJson(
                "api/v1/studies",
                token,
                "{\"name\":\"%s\",\"searchSpace\":{\"variables\":[{\"name\":\"c\",\"type\":\"categorical\",\"choices\":[]}]}}"
                        .formatted(name));
        assertThat(emptyChoices.status()).isEqualTo(400);
        assertThat(emptyChoices.isProblem()).isTrue();
        Reply unknownSampler = http.postJson(
                "api/v1/studies",
                token,
                "{\"name\":\"%s\",\"searchSpace\":%s,\"sampler\":{\"name\":\"annealing\"}}".formatted(name, SPACE));
        assertThat(unknownSampler.status()).isEqualTo(400);
        assertThat(unknownSampler.json().getString("detail"))
                .contains("annealing")
                .contains("tpe");
        Reply badOption = http.postJson(
                "api/v1/studies",
                token,
                "{\"name\":\"%s\",\"searchSpace\":%s,\"sampler\":{\"name\":\"tpe\",\"multivariat\":true}}"
                        .formatted(name, SPACE));
        assertThat(badOption.status()).isEqualTo(400);
        assertThat(badOption.json().getString("detail")).contains("multivariat");
        Reply badGamma = http.postJson(
                "api/v1/studies",
                token,
                "{\"name\":\"%s\",\"searchSpace\":%s,\"sampler\":{\"name\":\"tpe\",\"gammaFraction\":2}}"
                        .formatted(name, SPACE));
        assertThat(badGamma.status()).isEqualTo(400);
        assertThat(badGamma.json().getString("detail")).contains("gammaFraction");
        assertThat(http.get("api/v1/studies/" + name, token).status()).isEqualTo(404);

        String study = create(name, ",\"directions\":[\"minimize\",\"maximize\"]");
        assertThat(http.postJson("api/v1/studies", token, "{\"name\":\"%s\",\"searchSpace\":%s}".formatted(name, SPACE))
                        .status())
                .isEqualTo(409);
        long number = ask(study).getJsonNumber("number").longValue();
        Reply nan = tell(study, number, "{\"values\":[\"NaN\", 1]}");
        assertThat(nan.status()).isEqualTo(400);
        assertThat(nan.isProblem()).isTrue();
        Reply wrongCount = tell(study, number, "{\"values\":[1.0]}");
        assertThat(wrongCount.status()).isEqualTo(400);
        assertThat(wrongCount.json().getString("detail")).contains("2 objective");
        assertThat(tell(study, 999, "{\"values\":[1, 2]}").status()).isEqualTo(404);
        assertThat(tell(unique("nowhere"), 0, "{\"values\":[1, 2]}").status()).isEqualTo(404);
        // nothing above touched the trial: it still runs, and takes a proper tell
        assertThat(http.get("api/v1/studies/" + study + "/trials/" + number, token)
                        .json()
                        .getString("state"))
                .isEqualTo("running");
        assertThat(tell(study, number, "{\"values\":[1, 2]}").status()).isEqualTo(200);
        // the same tell again (a client retrying) is harmless; another is a conflict
        assertThat(tell(study, number, "{\"values\":[1, 2]}").status()).isEqualTo(200);
        Reply finished = tell(study, number, "{\"values\":[3, 4]}");
        assertThat(finished.status()).isEqualTo(409);
        assertThat(finished.isProblem()).isTrue();
        for (String page : List.of("limit=0", "limit=-1", "limit=many", "offset=-1", "state=sleeping")) {
            Reply badPage = http.get("api/v1/studies/" + study + "/trials?" + page, token);
            assertThat(badPage.status()).as(page).isEqualTo(400);
            assertThat(badPage.isProblem()).as(page).isTrue();
        }
        Reply enqueueOutside = http.postJson(
                "api/v1/studies/" + study + "/queue",
                token,
                "{\"parameters\":{\"x\":50,\"layers\":2,\"optimizer\":\"adam\"}}");
        assertThat(enqueueOutside.status()).isEqualTo(400);
        assertThat(enqueueOutside.json().getString("detail")).contains("x");
    }

    @Test
    void concurrentWorkersGetDistinctNumbersAndNoTellIsLost() throws Exception {
        String study = create(unique("parallel"), ",\"sampler\":{\"name\":\"tpe\",\"constantLiar\":true}");
        ExecutorService workers = Executors.newFixedThreadPool(8);
        List<Future<List<Long>>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            done.add(workers.submit(() -> {
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    JsonObject trial = ask(study);
                    long number = trial.getJsonNumber("number").longValue();
                    Reply told = tell(
                            study, number, "{\"values\":[%s]}".formatted(objective(trial.getJsonObject("parameters"))));
                    assertThat(told.status()).as(told.body()).isEqualTo(200);
                    mine.add(number);
                }
                return mine;
            }));
        }
        Set<Long> numbers = new HashSet<>();
        for (Future<List<Long>> f : done) {
            numbers.addAll(f.get());
        }
        workers.shutdown();
        assertThat(numbers).hasSize(80).allMatch(n -> n >= 0 && n < 80);
        JsonObject summary = http.get("api/v1/studies/" + study, token).json();
        assertThat(summary.getJsonObject("trialsByState").getInt("complete")).isEqualTo(80);
    }

    @Test
    void enqueuedTrialsAreAskedFirstWithTheirParameters() {
        String study = create(unique("warm"), "");
        Reply queued = http.postJson(
                "api/v1/studies/" + study + "/queue",
                token,
                "{\"parameters\":{\"x\":2.0,\"layers\":1,\"optimizer\":\"adam\"},\"userAttributes\":{\"source\":\"last run\"}}");
        assertThat(queued.status()).as(queued.body()).isEqualTo(201);
        assertThat(queued.json().getString("state")).isEqualTo("waiting");
        JsonObject first = ask(study);
        assertThat(first.getJsonNumber("number").longValue()).isEqualTo(0);
        assertThat(first.getJsonObject("parameters").getJsonNumber("x").doubleValue())
                .isEqualTo(2.0);
        assertThat(first.getJsonObject("userAttributes").getString("source")).isEqualTo("last run");
        assertThat(ask(study).getJsonNumber("number").longValue()).isEqualTo(1);
    }

    @Test
    void intermediateValuesAreKeptAndAnswerWhetherToPrune() {
        String study = create(unique("curves"), "");
        long number = ask(study).getJsonNumber("number").longValue();
        for (int step = 0; step < 3; step++) {
            Reply reported = http.postJson(
                    "api/v1/studies/" + study + "/trials/" + number + "/intermediates",
                    token,
                    "{\"step\":%d,\"value\":%s}".formatted(step, 1.0 / (step + 1)));
            assertThat(reported.status()).as(reported.body()).isEqualTo(200);
            assertThat(reported.json().getBoolean("shouldPrune")).isFalse();
        }
        Reply again = http.postJson(
                "api/v1/studies/" + study + "/trials/" + number + "/intermediates", token, "{\"step\":1,\"value\":7}");
        assertThat(again.status()).isEqualTo(409);
        JsonObject trial =
                http.get("api/v1/studies/" + study + "/trials/" + number, token).json();
        assertThat(trial.getJsonObject("intermediates").keySet()).containsExactly("0", "1", "2");
        assertThat(tell(study, number, "{\"state\":\"pruned\"}").status()).isEqualTo(200);
        Reply late = http.postJson(
                "api/v1/studies/" + study + "/trials/" + number + "/intermediates",
                token,
                "{\"step\":3,\"value\":0.1}");
        assertThat(late.status()).isEqualTo(409);
    }

    @Test
    void aTrialWhoseWorkerStopsBeatingFailsAndIsRetried() throws Exception {
        String study = create(unique("heartbeat"), ",\"heartbeat\":\"PT2S\",\"maxRetries\":1");
        JsonObject lost = ask(study);
        long number = lost.getJsonNumber("number").longValue();
        long deadline = System.currentTimeMillis() + 30_000;
        String state = "running";
        while (System.currentTimeMillis() < deadline && state.equals("running")) {
            Thread.sleep(500);
            state = http.get("api/v1/studies/" + study + "/trials/" + number, token)
                    .json()
                    .getString("state");
        }
        assertThat(state).isEqualTo("failed");
        // the worker coming back to a failed trial is told it is over, and nothing changes
        Reply late = http.postJson("api/v1/studies/" + study + "/trials/" + number + "/heartbeat", token, "");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.isProblem()).isTrue();
        assertThat(http.get("api/v1/studies/" + study + "/trials/" + number, token)
                        .json()
                        .getString("state"))
                .isEqualTo("failed");
        JsonObject retry = ask(study);
        assertThat(retry.getJsonNumber("retryOf").longValue()).isEqualTo(number);
        assertThat(retry.getJsonObject("parameters")).isEqualTo(lost.getJsonObject("parameters"));
        // a beating worker keeps its trial
        for (int i = 0; i < 4; i++) {
            Thread.sleep(1000);
            Reply beat = http.postJson(
                    "api/v1/studies/" + study + "/trials/" + retry.getInt("number") + "/heartbeat", token, "");
            assertThat(beat.status()).isEqualTo(204);
        }
        assertThat(http.get("api/v1/studies/" + study + "/trials/" + retry.getInt("number"), token)
                        .json()
                        .getString("state"))
                .isEqualTo("running");
    }

    @Test
    void deletingAStudyRemovesItsTrials() {
        String study = create(unique("gone"), "");
        ask(study);
        assertThat(http.delete("api/v1/studies/" + study, token).status()).isEqualTo(204);
        assertThat(http.get("api/v1/studies/" + study, token).status()).isEqualTo(404);
        assertThat(http.get("api/v1/studies", token)
                        .json()
                        .getJsonArray("studies")
                        .getValuesAs(JsonObject.class))
                .noneMatch(s -> s.getString("name").equals(study));
    }

    Reply report(String study, long number, long step, double value) {
        return http.postJson(
                "api/v1/studies/" + study + "/trials/" + number + "/intermediates",
                token,
                "{\"step\":%d,\"value\":%s}".formatted(step, value));
    }

    @Test
    void theMedianPrunerStopsATrialWorseThanTheOthersAtTheSameStep() {
        String study = create(unique("pruned"), ",\"pruner\":{\"name\":\"median\",\"startupTrials\":2}");
        for (int i = 0; i < 3; i++) {
            long number = ask(study).getJsonNumber("number").longValue();
            for (int step = 0; step < 3; step++) {
                assertThat(report(study, number, step, 1.0 - step * 0.1).json().getBoolean("shouldPrune"))
                        .isFalse();
            }
            assertThat(tell(study, number, "{\"values\":[0.7]}").status()).isEqualTo(200);
        }
        long bad = ask(study).getJsonNumber("number").longValue();
        Reply worse = report(study, bad, 0, 5.0);
        assertThat(worse.json().getBoolean("shouldPrune")).isTrue();
        assertThat(http.get("api/v1/studies/" + study + "/trials/" + bad + "/should-prune", token)
                        .json()
                        .getBoolean("shouldPrune"))
                .isTrue();
        assertThat(tell(study, bad, "{\"state\":\"pruned\"}").json().getString("state"))
                .isEqualTo("pruned");
        Reply unknownPruner = http.postJson(
                "api/v1/studies",
                token,
                "{\"name\":\"%s\",\"searchSpace\":%s,\"pruner\":{\"name\":\"median\",\"startup\":2}}"
                        .formatted(unique("p"), SPACE));
        assertThat(unknownPruner.status()).isEqualTo(400);
        assertThat(unknownPruner.json().getString("detail")).contains("startup");
    }

    @Test
    void importanceRanksTheVariableTheObjectiveDependsOn() {
        String study = create(unique("importance"), ",\"sampler\":{\"name\":\"random\"}");
        assertThat(http.get("api/v1/studies/" + study + "/importance", token).status())
                .isEqualTo(409);
        for (int i = 0; i < 30; i++) {
            JsonObject trial = ask(study);
            double x = trial.getJsonObject("parameters").getJsonNumber("x").doubleValue();
            tell(study, trial.getInt("number"), "{\"values\":[%s]}".formatted(x * x));
        }
        JsonObject importances = http.get("api/v1/studies/" + study + "/importance", token)
                .json()
                .getJsonObject("importances");
        assertThat(importances.keySet()).first().isEqualTo("x");
        assertThat(importances.getJsonNumber("x").doubleValue()).isGreaterThan(0.5);
        assertThat(http.get("api/v1/studies/" + study + "/importance?objective=3", token)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aMultiObjectiveStudyAnswersItsParetoFront() {
        String study = create(
                unique("pareto"),
                ",\"directions\":[\"minimize\",\"maximize\"],\"sampler\":{\"name\":\"nsga2\",\"populationSize\":4}");
        double[][] told = {{1, 1}, {2, 3}, {3, 2}, {0.5, 0.5}, {4, 4}, {2, 2}};
        for (double[] values : told) {
            JsonObject trial = ask(study);
            assertThat(tell(study, trial.getInt("number"), "{\"values\":[%s,%s]}".formatted(values[0], values[1]))
                            .status())
                    .isEqualTo(200);
        }
        // minimize the first value, maximize the second: (3, 2) and (2, 2) are dominated by (2, 3), the rest are not
        JsonArray front =
                http.get("api/v1/studies/" + study + "/best", token).json().getJsonArray("trials");
        assertThat(front.getValuesAs(JsonObject.class))
                .extracting(t -> t.getInt("number"))
                .containsExactly(0, 1, 3, 4);
        assertThat(http.get("api/v1/studies/" + study, token).json().getJsonArray("paretoFront"))
                .hasSize(4);
    }

    @Test
    void theDefaultSamplerRunsAGaussianProcessOnANumericSpaceAndItsStateSurvivesStorage() {
        String study = unique("auto");
        Reply created = http.postJson(
                "api/v1/studies",
                token,
                ("{\"name\":\"%s\",\"seed\":3,\"searchSpace\":{\"variables\":["
                                + "{\"name\":\"x\",\"type\":\"float\",\"low\":-5,\"high\":5},"
                                + "{\"name\":\"k\",\"type\":\"int\",\"low\":1,\"high\":6}]}}")
                        .formatted(study));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        for (int i = 0; i < 20; i++) {
            JsonObject trial = ask(study);
            JsonObject p = trial.getJsonObject("parameters");
            double x = p.getJsonNumber("x").doubleValue();
            assertThat(tell(study, trial.getInt("number"), "{\"values\":[%s]}".formatted(x * x + p.getInt("k")))
                            .status())
                    .isEqualTo(200);
        }
        JsonObject last =
                http.get("api/v1/studies/" + study + "/trials/19", token).json();
        // the Gaussian process's fitted hyperparameters are kept with the trial: any node warm-starts from them
        assertThat(last.getJsonObject("systemAttributes").keySet()).contains("gp:theta");
        assertThat(last.getJsonObject("systemAttributes").getJsonArray("gp:theta"))
                .isNotEmpty();
    }

    @Test
    void aLiveVariableKeepsItsBoundsVersionsAndHistory() {
        String name = unique("it.lr");
        Reply declared = http.putJson(
                "api/v1/variables/" + name,
                token,
                "{\"definition\":{\"type\":\"float\",\"low\":0,\"high\":1},\"value\":0.5}");
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        assertThat(declared.json().getInt("version")).isEqualTo(1);
        assertThat(http.putJson(
                                "api/v1/variables/" + name,
                                token,
                                "{\"definition\":{\"type\":\"float\",\"low\":0,\"high\":1},\"value\":0.5}")
                        .status())
                .isEqualTo(200);
        assertThat(http.putJson(
                                "api/v1/variables/" + name,
                                token,
                                "{\"definition\":{\"type\":\"int\",\"low\":0,\"high\":9},\"value\":1}")
                        .status())
                .isEqualTo(409);
        Reply outside = http.putJson("api/v1/variables/" + name + "/value", token, "{\"value\":1.5}");
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.isProblem()).isTrue();
        Reply changed = http.putJson(
                "api/v1/variables/" + name + "/value",
                token,
                "{\"value\":0.7,\"version\":1,\"reason\":\"hand-tuned\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().getInt("version")).isEqualTo(2);
        Reply stale = http.putJson("api/v1/variables/" + name + "/value", token, "{\"value\":0.1,\"version\":1}");
        assertThat(stale.status()).isEqualTo(409);
        JsonObject current = http.get("api/v1/variables/" + name, token).json();
        assertThat(current.getJsonNumber("value").doubleValue()).isEqualTo(0.7);
        JsonArray history = http.get("api/v1/variables/" + name + "/history", token)
                .jsonValue()
                .asJsonArray();
        assertThat(history.getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("type"))
                .containsExactly("VariableChanged", "VariableDeclared");
        assertThat(history.getJsonObject(0).getString("reason")).isEqualTo("hand-tuned");
        assertThat(history.getJsonObject(0).getJsonNumber("previous").doubleValue())
                .isEqualTo(0.5);
        assertThat(http.get("api/v1/variables/" + unique("none"), token).status())
                .isEqualTo(404);
    }

    @Test
    void aStudyTunesALiveVariableAndAPlatformSettingAndAppliesItsBest() throws Exception {
        String lr = unique("it.rate");
        assertThat(http.putJson(
                                "api/v1/variables/" + lr,
                                token,
                                "{\"definition\":{\"type\":\"float\",\"low\":0.0001,\"high\":0.1,\"log\":true},\"value\":0.01}")
                        .status())
                .isEqualTo(201);
        String setting = "mabeam.ratelimit.read.per-minute";
        String study = unique("tuning");
        Reply created = http.postJson(
                "api/v1/studies",
                token,
                ("{\"name\":\"%s\",\"sampler\":{\"name\":\"random\"},"
                                + "\"searchSpace\":{\"variables\":[{\"name\":\"%s\",\"type\":\"live\"},"
                                + "{\"name\":\"%s\",\"type\":\"setting\",\"low\":6000,\"high\":60000}]}}")
                        .formatted(study, lr, setting));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonObject variables = created.json()
                .getJsonObject("searchSpace")
                .getJsonArray("variables")
                .getJsonObject(0);
        assertThat(variables.getString("type")).isEqualTo("float");
        assertThat(variables.getBoolean("log")).isTrue();
        assertThat(http.postJson("api/v1/studies/" + study + "/apply-best", token, "")
                        .status())
                .isEqualTo(409);
        double bestValue = Double.POSITIVE_INFINITY;
        JsonObject best = null;
        for (int i = 0; i < 6; i++) {
            JsonObject trial = ask(study);
            JsonObject p = trial.getJsonObject("parameters");
            double value = Math.abs(Math.log10(p.getJsonNumber(lr).doubleValue()) + 2.5)
                    + p.getJsonNumber(setting).doubleValue() / 1e6;
            tell(study, trial.getInt("number"), "{\"values\":[%s]}".formatted(value));
            if (value < bestValue) {
                bestValue = value;
                best = p;
            }
        }
        Reply applied = http.postJson("api/v1/studies/" + study + "/apply-best", token, "");
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(http.get("api/v1/variables/" + lr, token)
                        .json()
                        .getJsonNumber("value")
                        .doubleValue())
                .isEqualTo(best.getJsonNumber(lr).doubleValue());
        String expected = Long.toString(best.getJsonNumber(setting).longValue());
        String effective = null;
        for (int i = 0; i < 100 && !expected.equals(effective); i++) { // MicroProfile Config caches for a moment
            effective = http.get("api/v1/config/" + setting, ADMIN)
                    .json()
                    .getJsonObject("effective")
                    .getString("value", null);
            Thread.sleep(100);
        }
        assertThat(effective).isEqualTo(expected);
        assertThat(http.get("api/v1/variables/" + lr + "/history", token)
                        .jsonValue()
                        .asJsonArray()
                        .getJsonObject(0)
                        .getString("reason"))
                .contains(study);
        Reply badSetting = http.postJson(
                "api/v1/studies",
                token,
                "{\"name\":\"%s\",\"searchSpace\":{\"variables\":[{\"name\":\"%s\",\"type\":\"setting\",\"low\":0,\"high\":5}]}}"
                        .formatted(unique("bad"), setting));
        assertThat(badSetting.status()).isEqualTo(400);
        assertThat(badSetting.json().getString("detail")).contains("minimum");
    }

    @Test
    void theConsoleShowsAStudyWithItsChartsAndSetsALiveVariable() throws Exception {
        String study = create(unique("console"), ",\"sampler\":{\"name\":\"random\"},\"seed\":11");
        for (int i = 0; i < 12; i++) {
            JsonObject trial = ask(study);
            double value = objective(trial.getJsonObject("parameters"));
            assertThat(tell(study, trial.getInt("number"), "{\"values\":[%s]}".formatted(value))
                            .status())
                    .isEqualTo(200);
        }
        String variable = unique("it.console");
        assertThat(http.putJson(
                                "api/v1/variables/" + variable,
                                token,
                                "{\"definition\":{\"type\":\"float\",\"low\":0,\"high\":1},\"value\":0.5}")
                        .status())
                .isEqualTo(201);

        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");
            browser.click("nav-studies");
            browser.awaitText("#studies\\:table", study);
            String formStudy = unique("console-form");
            browser.click("studies:create_toggler");
            browser.type("studies:newName", formStudy);
            browser.type("studies:newDirections", "minimize, maximize");
            browser.type("studies:newSpace", SPACE);
            browser.click("studies:createStudy");
            assertThat(browser.awaitText("#studies\\:messages", "created")).contains(formStudy);
            assertThat(http.get("api/v1/studies/" + formStudy, token).json().getJsonArray("directions"))
                    .hasSize(2);
            browser.go("console/study.xhtml?name=" + formStudy); // two objectives, no trials yet
            browser.awaitAttribute("history-chart", "data-rendered", "true");
            assertThat(browser.textOf("study:importance-note")).contains("two complete trials");
            browser.click("study:back");
            browser.clickLinkInRowWith("studies:table", study);
            for (String chart : List.of("history-chart", "parallel-chart", "importance-chart")) {
                browser.awaitAttribute(chart, "data-rendered", "true");
            }
            assertThat(browser.awaitText("#study\\:trials", "12 trials")).contains("complete");
            assertThat(browser.waitForText("#study\\:summary")).contains(study).contains("12 complete");
            browser.scrollTo("study:summary");
            assertThat(browser.screenshot("console-study")).isNotEmptyFile();

            browser.click("nav-variables");
            browser.clickLinkInRowWith("variables:table", variable);
            browser.awaitText("#variables\\:changes", variable);
            browser.type("variables:value", "0.25");
            browser.type("variables:reason", "set in the console");
            browser.click("variables:save");
            assertThat(browser.awaitText("#variables\\:messages", "version 2")).contains(variable);

            // agents: start an echo agent with the form, see it run, look at it, stop it
            String echo = unique("console-echo");
            browser.click("nav-agents");
            browser.click("agents:create_toggler");
            browser.type("agents:newId", echo);
            browser.select("agents:newType", "echo");
            browser.type("agents:newConfig", "{}");
            browser.click("agents:spawn");
            assertThat(browser.awaitText("#agents\\:messages", "started")).contains(echo);
            // the page may render before the agent's start ran on its thread: wait for it, then look again
            long running = System.currentTimeMillis() + 10_000;
            while (!http.get("api/v1/agents/" + echo, token)
                            .json()
                            .getString("state")
                            .equals("running")
                    && System.currentTimeMillis() < running) {
                Thread.sleep(100);
            }
            browser.go("console/agents.xhtml");
            assertThat(browser.textOfRowWith("agents:table", echo)).contains("running");
            browser.clickLinkInRowWith("agents:table", echo);
            assertThat(browser.awaitText("#agents\\:detail", echo))
                    .contains("echo")
                    .contains("running");
            browser.scrollTo("agents:detail");
            assertThat(browser.screenshot("console-agents")).isNotEmptyFile();
            // its own page: lifecycle events, a message and its answer, live counters
            browser.click("agents:open");
            assertThat(browser.awaitText("#agent\\:events", "AgentStateChanged"))
                    .contains("RUNNING");
            browser.type("agent:outgoing", "{\"from\":\"console\"}");
            browser.click("agent:send");
            assertThat(browser.awaitText("#agent\\:outcome", "handled")).contains("console");
            assertThat(browser.awaitText("#agent\\:live", "handled 1")).contains("restarts 0");
            assertThat(browser.screenshot("console-agent")).isNotEmptyFile();
            browser.go("console/agents.xhtml");
            browser.click(browser.idOfButtonInRowWith("agents:table", echo));
            assertThat(browser.awaitText("#agents\\:messages", "stopped")).contains(echo);
        }
        assertThat(http.get("api/v1/agents?type=echo", token).json().getJsonArray("agents").stream()
                        .map(a -> a.asJsonObject())
                        .filter(a -> a.getString("id").startsWith("console-echo"))
                        .map(a -> a.getBoolean("wanted")))
                .containsOnly(false);
        JsonObject changed = http.get("api/v1/variables/" + variable, token).json();
        assertThat(changed.getJsonNumber("value").doubleValue()).isEqualTo(0.25);
        assertThat(changed.getInt("version")).isEqualTo(2);
    }

    // --- training: datasets, a study that trains networks, its batch job, its model --------------------------

    static final String NETWORK_SPACE = """
            {"variables": [
              {"name": "units", "type": "int", "low": 4, "high": 32},
              {"name": "learning_rate", "type": "float", "low": 0.005, "high": 0.1, "log": true}
            ]}""";

    JsonObject awaitRun(String study, long execution, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject run = null;
        while (Instant.now().isBefore(deadline)) {
            run = http.get("api/v1/studies/" + study + "/jobs/" + execution, token)
                    .json();
            if (List.of("COMPLETED", "FAILED", "STOPPED").contains(run.getString("status"))) {
                return run;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("run " + execution + " of " + study + " did not end: " + run);
    }

    @Test
    void aStudyOnIrisTrainsNetworksInABatchJobAndItsBestModelAnswersInferenceRequests() throws Exception {
        JsonObject iris = http.get("api/v1/datasets/iris", token).json();
        assertThat(iris.getBoolean("bundled")).isTrue();
        assertThat(iris.getInt("rows")).isEqualTo(150);
        String study = unique("iris");
        Reply created = http.postJson("api/v1/studies", token, """
                {"name": "%s", "directions": ["maximize"], "searchSpace": %s, "pruner": {"name": "median"},
                 "training": {"dataset": "iris", "target": "species", "maxEpochs": 15, "patience": 5}}""".formatted(study, NETWORK_SPACE));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonObject training =
                http.get("api/v1/studies/" + study + "/training", token).json();
        assertThat(training.getJsonObject("setup").getString("metric")).isEqualTo("accuracy");
        assertThat(training.getJsonObject("setup").getJsonArray("features")).hasSize(4);
        assertThat(training.getString("datasetSha256")).isEqualTo(iris.getString("sha256"));

        Reply started =
                http.postJson("api/v1/studies/" + study + "/jobs", token, "{\"budget\": 6, \"parallelism\": 2}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long execution = started.json().getJsonNumber("executionId").longValue();
        JsonObject run = awaitRun(study, execution, Duration.ofMinutes(4));
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
        JsonObject optimize = run.getJsonArray("steps").getJsonObject(0);
        assertThat(optimize.getString("name")).isEqualTo("optimize");
        assertThat(optimize.getJsonNumber("written").longValue()).isEqualTo(6);
        assertThat(run.getString("exitStatus")).contains("MODEL");

        JsonObject trials =
                http.get("api/v1/studies/" + study + "/trials?limit=100", token).json();
        assertThat(trials.getInt("total")).isEqualTo(6);
        assertThat(trials.getJsonArray("trials").getValuesAs(JsonObject.class))
                .allMatch(t -> List.of("complete", "pruned").contains(t.getString("state")))
                .allMatch(t -> t.getString("worker").startsWith("batch:"));
        JsonObject best = http.get("api/v1/studies/" + study + "/best", token).json();
        double bestAccuracy = best.getJsonArray("trials")
                .getJsonObject(0)
                .getJsonArray("values")
                .getJsonNumber(0)
                .doubleValue();
        assertThat(bestAccuracy).isGreaterThan(0.8);

        // the best model, with its lineage, downloads and predicts
        JsonObject model = http.get("api/v1/studies/" + study + "/model", token).json();
        assertThat(model.getString("study")).isEqualTo(study);
        assertThat(model.getJsonObject("dataset").getString("sha256")).isEqualTo(iris.getString("sha256"));
        assertThat(model.getJsonNumber("validationScore").doubleValue()).isEqualTo(bestAccuracy);
        assertThat(model.getJsonObject("parameters").keySet()).containsExactlyInAnyOrder("units", "learning_rate");
        assertThat(model.getJsonObject("metrics").getJsonObject("test").keySet())
                .contains("accuracy", "f1", "log-loss");
        String id = model.getString("id");
        Reply predicted = http.postJson("api/v1/models/" + id + "/predictions", token, """
                {"rows": [{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2},
                          {"sepal_length": 6.7, "sepal_width": 3.0, "petal_length": 5.6, "petal_width": 2.3}],
                 "embedding": true}""");
        assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);
        List<JsonObject> predictions =
                predicted.json().getJsonArray("predictions").getValuesAs(JsonObject.class);
        assertThat(predictions.get(0).getString("label")).isEqualTo("setosa");
        assertThat(predictions.get(1).getString("label")).isEqualTo("virginica");
        for (JsonObject prediction : predictions) {
            double sum = prediction.getJsonObject("probabilities").values().stream()
                    .mapToDouble(v -> ((jakarta.json.JsonNumber) v).doubleValue())
                    .sum();
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
            assertThat(prediction.getJsonArray("embedding")).isNotEmpty();
        }
        Reply archive = http.send(http.request("api/v1/models/" + id + "/archive")
                .header("Authorization", token)
                .GET()
                .build());
        assertThat(archive.status()).isEqualTo(200);
        assertThat(archive.contentType()).startsWith("application/zip");

        // rows the model cannot read are refused, naming the problem
        Reply unknownColumn =
                http.postJson("api/v1/models/" + id + "/predictions", token, "{\"rows\": [{\"wings\": 2}]}");
        assertThat(unknownColumn.status()).isEqualTo(400);
        assertThat(unknownColumn.isProblem()).isTrue();
        assertThat(unknownColumn.json().getString("detail")).contains("unknown column wings");
        Reply notANumber = http.postJson(
                "api/v1/models/" + id + "/predictions", token, "{\"rows\": [{\"petal_width\": \"wide\"}]}");
        assertThat(notANumber.status()).isEqualTo(400);
        Reply wrongShape = http.postJson("api/v1/models/" + id + "/predictions", token, "{\"inputs\": [[1, 2]]}");
        assertThat(wrongShape.status()).isEqualTo(400);
        assertThat(wrongShape.json().getString("detail")).contains("takes 4");
        assertThat(http.postJson("api/v1/models/nope/predictions", token, "{\"inputs\": [[1]]}")
                        .status())
                .isEqualTo(404);

        // the audit trail names the job's trials, the kept models and the run
        List<String> types = http
                .get("api/v1/events?stream=study:" + study + "&limit=1000", token)
                .jsonValue()
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .map(e -> e.getString("type"))
                .toList();
        assertThat(types).contains("TrainingAttached", "ModelKept", "OptimizationJobFinished");
        assertThat(types.stream().filter("TrialAsked"::equals).count()).isEqualTo(6);
    }

    @Test
    void hostileOrMalformedDatasetsAreRefusedAndChangeNothing() throws Exception {
        int before = http.get("api/v1/datasets", token)
                .json()
                .getJsonArray("datasets")
                .size();
        String name = unique("upload");
        Reply ragged = http.put("api/v1/datasets/" + name, token, "text/csv", "a,b\n1,2\n3\n".getBytes(UTF_8));
        assertThat(ragged.status()).isEqualTo(400);
        assertThat(ragged.isProblem()).isTrue();
        assertThat(ragged.json().getString("detail")).isEqualTo("line 3: has 1 fields; the header has 2");
        Reply formula =
                http.put("api/v1/datasets/" + name, token, "text/csv", "a,b\n1,=cmd|' /C calc'!A0\n".getBytes(UTF_8));
        assertThat(formula.status()).isEqualTo(400);
        assertThat(formula.json().getString("detail")).contains("formula");
        Reply binary =
                http.put("api/v1/datasets/" + name, token, "text/csv", new byte[] {'a', '\n', 0, 1, (byte) 0xff});
        assertThat(binary.status()).isEqualTo(400);
        assertThat(http.put("api/v1/datasets/bad%20name", token, "text/csv", "a\n1\n".getBytes(UTF_8))
                        .status())
                .isEqualTo(400);
        // larger than the setting allows: 413, whatever the body says
        String key = "api/v1/config/mabeam.datasets.max-bytes";
        assertThat(http.putJson(key, token, "{\"value\": 2048}").status()).isEqualTo(200);
        try {
            awaitEffective(key, "2048");
            Reply huge = http.put(
                    "api/v1/datasets/" + name, token, "text/csv", ("a\n" + "1\n".repeat(5000)).getBytes(UTF_8));
            assertThat(huge.status()).isEqualTo(413);
            assertThat(huge.isProblem()).isTrue();
        } finally {
            assertThat(http.delete(key, token).status()).isEqualTo(200);
        }
        assertThat(http.get("api/v1/datasets/" + name, token).status()).isEqualTo(404);
        assertThat(http.get("api/v1/datasets", token).json().getJsonArray("datasets"))
                .hasSize(before);

        // a good one is stored with its schema, downloads as it came, and a second upload of the name is refused
        byte[] csv = "x,y,colour\n1.5,0,red\n2.5,1,blue\n,1,red\n4,0,\n".getBytes(UTF_8);
        Reply stored = http.put("api/v1/datasets/" + name, token, "text/csv", csv);
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        JsonObject x =
                stored.json().getJsonObject("schema").getJsonArray("columns").getJsonObject(0);
        assertThat(x.getString("type")).isEqualTo("numeric");
        assertThat(x.getInt("missing")).isEqualTo(1);
        assertThat(http.get("api/v1/datasets/" + name + "/content", token).body())
                .isEqualTo(new String(csv, UTF_8));
        assertThat(http.put("api/v1/datasets/" + name, token, "text/csv", csv).status())
                .isEqualTo(409);
        assertThat(http.delete("api/v1/datasets/" + name, token).status()).isEqualTo(204);
    }

    void awaitEffective(String key, String value) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            JsonObject setting = http.get(key, token).json();
            if (value.equals(setting.getJsonObject("effective").getString("value", ""))) {
                return;
            }
            Thread.sleep(100); // a busy loop would spend the client's read limit
        }
        throw new AssertionError(key + " did not become " + value);
    }

    @Test
    void trainingSetupsJobsAndSchedulesThatDoNotFitAreRefusedAndCreateNothing() {
        String study = unique("misfit");
        String body = """
                {"name": "%s", "directions": ["%s"], "searchSpace": %s, "training": %s}""";
        for (String[] misfit : new String[][] {
            {"maximize", "{\"dataset\": \"nope\", \"target\": \"species\"}", "no dataset nope"},
            {"maximize", "{\"dataset\": \"iris\", \"target\": \"colour\"}", "no column colour"},
            {"minimize", "{\"dataset\": \"iris\", \"target\": \"species\"}", "maximized"},
            {"maximize", "{\"dataset\": \"mpg\", \"target\": \"origin\", \"task\": \"regression\"}", "numeric target"},
            {"maximize", "{\"dataset\": \"iris\", \"target\": \"species\", \"maxEpochs\": 0}", "maxEpochs"},
            {"maximize", "{\"dataset\": \"iris\", \"target\": \"species\", \"colour\": 1}", "unknown training field"}
        }) {
            Reply refused =
                    http.postJson("api/v1/studies", token, body.formatted(study, misfit[0], NETWORK_SPACE, misfit[1]));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().getString("detail")).contains(misfit[2]);
            assertThat(http.get("api/v1/studies/" + study, token).status()).isEqualTo(404);
        }
        String plain = create(unique("plain"), "");
        assertThat(http.postJson("api/v1/studies/" + plain + "/jobs", token, "{\"budget\": 3}")
                        .json()
                        .getString("detail"))
                .contains("objective");
        assertThat(http.postJson("api/v1/studies/" + plain + "/jobs", token, "{\"objective\": \"branin\"}")
                        .status())
                .isEqualTo(400);
        assertThat(http.postJson(
                                "api/v1/studies/" + plain + "/jobs",
                                token,
                                "{\"budget\": 0, \"objective\": \"branin\"}")
                        .status())
                .isEqualTo(400);
        assertThat(http.postJson(
                                "api/v1/studies/" + plain + "/jobs",
                                token,
                                "{\"budget\": 2, \"parallelism\": 99, \"objective\": \"branin\"}")
                        .status())
                .isEqualTo(400);
        Reply badCron = http.putJson(
                "api/v1/studies/" + plain + "/schedule",
                token,
                "{\"cron\": \"0 25 * * *\", \"objective\": \"branin\"}");
        assertThat(badCron.status()).isEqualTo(400);
        assertThat(badCron.json().getString("detail")).contains("hour 25");
        assertThat(http.get("api/v1/studies/" + plain + "/schedule", token).status())
                .isEqualTo(404);
        assertThat(http.get("api/v1/studies/" + plain + "/jobs", token).json().getJsonArray("runs"))
                .isEmpty();
        assertThat(http.putJson("api/v1/studies/" + plain + "/training", token, "{\"dataset\": \"iris\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void theConsoleRunsATrainingStudyShowsItsModelAndAsksItAndShowsTheDatasets() throws Exception {
        String study = unique("console-iris");
        Reply created = http.postJson("api/v1/studies", token, """
                {"name": "%s", "directions": ["maximize"], "searchSpace": %s,
                 "training": {"dataset": "iris", "target": "species", "maxEpochs": 8}}""".formatted(study, NETWORK_SPACE));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");
            browser.go("console/study.xhtml?name=" + study);
            assertThat(browser.waitForText("#study\\:training")).contains("\"target\":\"species\"");
            browser.type("study:budget", "2");
            browser.type("study:parallelism", "1");
            browser.click("study:startRun");
            assertThat(browser.awaitText("#study\\:messages", "Started run")).contains(study);
            JsonObject runs =
                    http.get("api/v1/studies/" + study + "/jobs", token).json();
            long execution = runs.getJsonArray("runs")
                    .getJsonObject(0)
                    .getJsonNumber("executionId")
                    .longValue();
            assertThat(awaitRun(study, execution, Duration.ofMinutes(3)).getString("status"))
                    .isEqualTo("COMPLETED");
            browser.click("study:refreshRuns");
            assertThat(browser.awaitText("#study\\:runTable", "completed")).contains("optimize");
            assertThat(browser.awaitText("#study\\:training", "Best model")).contains("validation accuracy");

            browser.go("console/models.xhtml?study=" + study);
            browser.clickLinkInRowWith("models:table", study);
            assertThat(browser.waitForText("#modelJson")).contains("\"study\":\"" + study + "\"");
            browser.type(
                    "models:rows",
                    "[{\"sepal_length\": 5.0, \"sepal_width\": 3.4, \"petal_length\": 1.5, \"petal_width\": 0.2}]");
            browser.click("models:predict");
            assertThat(browser.awaitText("#answer", "label")).contains("probabilities");

            browser.click("nav-datasets");
            browser.click(browser.idOfButtonInRowWith("datasets:table", "penguins"));
            assertThat(browser.awaitText("#datasets\\:columns", "flipper_length_mm"))
                    .contains("numeric")
                    .contains("Biscoe");
        }
    }
}
