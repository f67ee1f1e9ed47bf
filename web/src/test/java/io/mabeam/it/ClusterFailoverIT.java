package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A second node joining this one's cluster, and what survives when it is killed and PostgreSQL restarts:
 * acknowledged events, config notifications, registry ownership.
 */
class ClusterFailoverIT extends SharedNode {

    /**
     * One second node, started once for everything that needs two: membership, config notifications,
     * registry ownership and the loss of a node (SIGKILL) and of PostgreSQL (restart).
     */
    @Test
    void aSecondNodeSharesTheClusterAndItsCrashLosesNothingAcknowledged() throws Exception {
        String stream = unique("durable");
        for (int i = 0; i < 20; i++) {
            String told = "{\"type\":\"Told\",\"payload\":{\"i\":%d}}".formatted(i);
            Reply acknowledged = i == 0
                    ? Events.append(http, stream, "If-None-Match", "*", told)
                    : Events.append(http, stream, "If-Match", "\"" + (i - 1) + "\"", told);
            assertThat(acknowledged.status()).isEqualTo(201);
        }
        String namespace = unique("it");
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
            JsonObject effective = Settings.awaitEffective(secondHttp, key, "42");
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
            afterRestart =
                    Events.append(http, stream, "If-Match", "\"20\"", "{\"type\":\"Told\",\"payload\":{\"i\":21}}");
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
}
