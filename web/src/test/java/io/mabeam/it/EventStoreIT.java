package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The event store: appends with expected versions, reading back by stream and by query, snapshots, the live
 * tail (Server-Sent Events), idempotent appends, and bad appends that write nothing.
 */
class EventStoreIT extends SharedNode {

    @Test
    void eventsAppendWithExpectedVersionsAndReadBack() {
        String stream = unique("study");
        Reply created = Events.append(
                http, stream, "If-None-Match", "*", "{\"type\":\"StudyCreated\",\"payload\":{\"name\":\"iris\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = UUID.randomUUID().toString();
        String told =
                "[{\"id\":\"%s\",\"type\":\"TrialTold\",\"payload\":{\"value\":0.5}},{\"type\":\"TrialTold\",\"payload\":{\"value\":0.4}}]"
                        .formatted(id);
        Reply appended = Events.append(http, stream, "If-Match", "\"0\"", told);
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
    void snapshotsAreKeptPerStreamVersion() {
        String stream = unique("snap");
        Events.append(http, stream, null, null, "[{\"type\":\"A\",\"payload\":{}},{\"type\":\"B\",\"payload\":{}}]");
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
        String stream = unique("tail");
        Events.append(http, stream, null, null, "{\"type\":\"Before\",\"payload\":{}}");
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
            Events.append(http, stream, null, null, "{\"type\":\"After\",\"payload\":{}}");
            assertThat(seen.get(30, java.util.concurrent.TimeUnit.SECONDS)).containsExactly("Before", "After");
        } finally {
            response.body().close();
            reader.shutdownNow();
        }
        assertThat(http.get("api/v1/events/tail?after=nonsense", ADMIN).status())
                .isEqualTo(400);
    }

    @Test
    void eventStoreRefusesBadAppendsAndWritesNothing() {
        String stream = unique("study");
        Events.append(http, stream, null, null, "{\"type\":\"StudyCreated\",\"payload\":{}}");
        Reply stale = Events.append(http, stream, "If-Match", "\"7\"", "{\"type\":\"TrialTold\",\"payload\":{}}");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.isProblem()).isTrue();
        assertThat(stale.json().getString("detail")).contains("version 0");
        assertThat(Events.append(http, stream, "If-None-Match", "*", "{\"type\":\"StudyCreated\",\"payload\":{}}")
                        .status())
                .isEqualTo(412);
        assertThat(Events.append(http, stream, null, null, "{\"type\":\"X\",\"payload\":[1]}")
                        .status())
                .isEqualTo(400);
        assertThat(Events.append(http, stream, null, null, "{\"type\":\"X\",\"payload\":")
                        .status())
                .isEqualTo(400);
        assertThat(Events.append(http, "bad%20name%21", null, null, "{\"type\":\"X\",\"payload\":{}}")
                        .status())
                .isEqualTo(400);
        assertThat(http.get("api/v1/events/streams/" + stream, ADMIN)
                        .jsonValue()
                        .asJsonArray())
                .hasSize(1);

        Reply unknown = http.get("api/v1/events/streams/" + unique("nothing"), ADMIN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(http.get("api/v1/events?after=not-a-position", ADMIN).status())
                .isEqualTo(400);
    }

    @Test
    void aRepeatedAppendOfTheSameIdsIsANoOp() {
        String stream = unique("study");
        String event = "{\"id\":\"%s\",\"type\":\"StudyCreated\",\"payload\":{}}".formatted(UUID.randomUUID());
        assertThat(Events.append(http, stream, "If-None-Match", "*", event).status())
                .isEqualTo(201);
        Reply again = Events.append(http, stream, "If-None-Match", "*", event);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().getBoolean("replayed")).isTrue();
        String partly = "[%s,{\"type\":\"Told\",\"payload\":{}}]".formatted(event);
        Reply reused = Events.append(http, stream, null, null, partly);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().getString("detail")).contains("nothing was written");
        assertThat(http.get("api/v1/events/streams/" + stream, ADMIN)
                        .jsonValue()
                        .asJsonArray())
                .hasSize(1);
        String viewer = Users.create(http, "viewer");
        Reply forbidden = http.send(http.request("api/v1/events/streams/" + stream)
                .header("Authorization", Http.basic(viewer, "a-long-password-1"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"X\",\"payload\":{}}"))
                .build());
        assertThat(forbidden.status()).isEqualTo(403);
    }
}
