package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Agents: an optimizer with two trainers driving a study, lifecycle and monitoring, alerts over a threshold,
 * messages, delivery, placement, topics, and bad requests that change nothing.
 */
class AgentsIT extends SharedNode {

    static final String HARTMANN_SPACE = """
            {"variables": [
              {"name": "x0", "type": "float", "low": 0, "high": 1}, {"name": "x1", "type": "float", "low": 0, "high": 1},
              {"name": "x2", "type": "float", "low": 0, "high": 1}, {"name": "x3", "type": "float", "low": 0, "high": 1},
              {"name": "x4", "type": "float", "low": 0, "high": 1}, {"name": "x5", "type": "float", "low": 0, "high": 1}
            ]}""";

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
        assertThat(Agents.spawn(http, token, t1, "trainer", "{}").status()).isEqualTo(201);
        assertThat(Agents.spawn(http, token, t2, "trainer", "{}").status()).isEqualTo(201);
        String optimizer = unique("optimizer");
        Reply started = Agents.spawn(
                http,
                token,
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
            assertThat(Agents.spawn(http, token, id, "echo", "{}").status()).isEqualTo(201);
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
        Reply unknownType = Agents.spawn(http, token, id, "oracle", "{}");
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.isProblem()).isTrue();
        assertThat(unknownType.json().getString("detail")).contains("oracle").contains("optimizer");
        Reply badConfig = Agents.spawn(
                http,
                token,
                id,
                "optimizer",
                "{\"study\":\"s\",\"objective\":\"branin\",\"budget\":0,\"trainers\":[\"t\"]}");
        assertThat(badConfig.status()).isEqualTo(400);
        assertThat(badConfig.json().getString("detail")).contains("budget");
        Reply badRestart = http.postJson(
                "api/v1/agents", token, "{\"id\":\"%s\",\"type\":\"echo\",\"restart\":\"sometimes\"}".formatted(id));
        assertThat(badRestart.status()).isEqualTo(400);
        assertThat(badRestart.json().getString("detail")).contains("restart");
        Reply badMailbox =
                http.postJson("api/v1/agents", token, "{\"id\":\"%s\",\"type\":\"echo\",\"mailbox\":0}".formatted(id));
        assertThat(badMailbox.status()).isEqualTo(400);
        Reply badId = Agents.spawn(http, token, "no spaces allowed", "echo", "{}");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(http.get("api/v1/agents/" + id, token).status()).isEqualTo(404);

        assertThat(Agents.spawn(http, token, id, "echo", "{}").status()).isEqualTo(201);
        Reply duplicate = Agents.spawn(http, token, id, "echo", "{}");
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
        assertThat(Agents.spawn(http, token, "nodes", "echo", "{}").status()).isEqualTo(400);
        assertThat(http.get("api/v1/agents/" + placed, token).status()).isEqualTo(404);

        String topic = unique("news");
        Reply subscribed = http.postJson(
                "api/v1/agents",
                token,
                "{\"id\":\"%s\",\"type\":\"echo\",\"placement\":\"least-loaded\",\"topics\":[\"%s\"]}"
                        .formatted(placed, topic));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        assertThat(subscribed.json().getJsonArray("topics").getString(0)).isEqualTo(topic);
        assertThat(http.putJson("api/v1/agents/" + id + "/topics/" + topic, token, "")
                        .status())
                .isEqualTo(200);
        Reply published = http.postJson(
                "api/v1/agents/topics/" + topic + "/messages",
                token,
                "{\"message\":{\"headline\":1},\"awaitReply\":true}");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.json().getInt("addressed")).isEqualTo(2);
        assertThat(published.json().getJsonObject("byStatus").getInt("handled")).isEqualTo(2);
        assertThat(http.delete("api/v1/agents/" + id + "/topics/" + topic, token)
                        .status())
                .isEqualTo(200);
        Reply broadcast = http.postJson(
                "api/v1/agents/broadcast", token, "{\"topic\":\"%s\",\"message\":{\"headline\":2}}".formatted(topic));
        assertThat(broadcast.json().getInt("addressed")).isEqualTo(1);
        assertThat(broadcast.json().getJsonObject("byStatus").getInt("sent")).isEqualTo(1);
        assertThat(http.putJson("api/v1/agents/" + id + "/topics/bad%20topic", token, "")
                        .status())
                .isEqualTo(400);
        assertThat(Agents.spawn(http, token, unique("idle-trainer"), "trainer", "{}")
                        .status())
                .isEqualTo(201); // takes no "shout"
        for (String[] bad : new String[][] {
            {"api/v1/agents/broadcast", "{\"topic\":\"it-news\"}"},
            {"api/v1/agents/broadcast", "{\"message\":{},\"awaitReply\":\"yes\"}"},
            {"api/v1/agents/broadcast", "{\"topic\":\"a,b\",\"message\":{}}"},
            {"api/v1/agents/broadcast", "{\"type\":\"trainer\",\"message\":{\"type\":\"shout\"}}"},
            {"api/v1/agents/topics/" + topic + "/messages", "{\"message\":{},\"timeout\":\"PT10M\"}"},
            {"api/v1/agents/topics/bad%20topic/messages", "{\"message\":{}}"}
        }) {
            Reply refused = http.postJson(bad[0], token, bad[1]);
            assertThat(refused.status()).as(bad[1]).isEqualTo(400);
            assertThat(refused.isProblem()).isTrue();
        }
        // this node hosts them (a second node another class started may still be listed until it is pruned)
        JsonArray nodes = http.get("api/v1/agents/nodes", token).json().getJsonArray("nodes");
        assertThat(nodes.getValuesAs(JsonObject.class))
                .filteredOn(node -> node.getString("node").equals("it-node"))
                .singleElement()
                .satisfies(node -> assertThat(node.getInt("agents")).isPositive());
    }
}
