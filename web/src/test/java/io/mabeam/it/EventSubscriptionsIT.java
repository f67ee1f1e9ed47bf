package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The event store's subscriptions, a client's and an in-process one, and the retention policies that archive
 * old events but never what a subscription has yet to take.
 */
class EventSubscriptionsIT extends SharedNode {

    @Test
    void aClientSubscriptionHandsOutWhatItHasNotAcknowledged() {
        String stream = unique("sub-stream");
        String name = unique("it-client");
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

        Events.append(http, stream, null, null, "[{\"type\":\"A\",\"payload\":{}},{\"type\":\"B\",\"payload\":{}}]");
        Events.append(http, unique("elsewhere"), null, null, "{\"type\":\"A\",\"payload\":{}}");
        Events.append(http, stream, null, null, "{\"type\":\"C\",\"payload\":{}}");

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
        String viewer = Http.basic(Users.create(http, "viewer"), "a-long-password-1");
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
        Events.append(
                http,
                unique("count"),
                null,
                null,
                "[{\"type\":\"%s\",\"payload\":{}},{\"type\":\"%s\",\"payload\":{}}]".formatted(type, type));
        Events.append(http, unique("count"), null, null, "{\"type\":\"%s\",\"payload\":{}}".formatted(type));
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

    @Test
    void retentionArchivesOldEventsButNeverPastASubscription() throws Exception {
        String prefix = unique("retained") + "/";
        String subscription = unique("it-retention");
        Reply old = Events.append(
                http,
                prefix + "a",
                null,
                null,
                "[{\"type\":\"Old\",\"payload\":{\"n\":1}},{\"type\":\"Old\",\"payload\":{\"n\":2}}]");
        assertThat(old.status()).as("stream names may hold slashes").isEqualTo(201);
        http.putJson("api/v1/subscriptions/" + subscription, ADMIN, "{\"stream\":\"%s\"}".formatted(prefix));
        String policy = "{\"streamPrefix\":\"%s\",\"maxAge\":\"PT1S\",\"action\":\"archive\"}".formatted(prefix);
        assertThat(http.putJson("api/v1/events/retention", ADMIN, policy).status())
                .isEqualTo(201);
        String viewer = Http.basic(Users.create(http, "viewer"), "a-long-password-1");
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
    void malformedPositionsAndPoliciesAre400ProblemsAndChangeNothing() {
        String name = unique("it-bodies");
        Reply created = http.putJson("api/v1/subscriptions/" + name, ADMIN, "{\"from\":\"end\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String checkpoint = created.json().getString("checkpoint");
        String prefix = unique("it-bodies-") + "/";
        for (Reply bad : List.of(
                http.postJson("api/v1/subscriptions/" + name + "/ack", ADMIN, ""),
                http.postJson("api/v1/subscriptions/" + name + "/ack", ADMIN, "{\"position\":1.2}"),
                http.postJson("api/v1/subscriptions/" + name + "/ack", ADMIN, "{\"position\":\"0.0\",\"at\":1}"),
                http.putJson("api/v1/subscriptions/" + name + "/checkpoint", ADMIN, "{\"position\":[0]}"),
                http.putJson("api/v1/events/retention", ADMIN, ""),
                http.putJson(
                        "api/v1/events/retention",
                        ADMIN,
                        "{\"streamPrefix\":\"%s\",\"maxAge\":30,\"action\":\"delete\"}".formatted(prefix)),
                http.putJson(
                        "api/v1/events/retention",
                        ADMIN,
                        "{\"streamPrefix\":\"%s\",\"maxAge\":\"P1D\",\"action\":\"delete\",\"dry\":true}"
                                .formatted(prefix)))) {
            assertThat(bad.status()).as(bad.body()).isEqualTo(400);
            assertThat(bad.isProblem()).as(bad.contentType()).isTrue();
        }
        assertThat(http.get("api/v1/subscriptions/" + name, ADMIN).json().getString("checkpoint"))
                .isEqualTo(checkpoint);
        assertThat(http.get("api/v1/events/retention", ADMIN).body()).doesNotContain(prefix);
        http.delete("api/v1/subscriptions/" + name, ADMIN);
    }
}
