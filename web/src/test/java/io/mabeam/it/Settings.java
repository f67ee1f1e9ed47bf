package io.mabeam.it;

import static io.mabeam.it.SharedNode.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Instant;

/** The node's settings for the ITs: set through the config server, and awaited until MicroProfile Config has them. */
final class Settings {

    private Settings() {}

    /** Sets a setting as the admin, with {@code If-Match} if it is not null. */
    static Reply put(Http http, String key, String ifMatch, String json) {
        HttpRequest.Builder request = http.request("api/v1/config/" + key)
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json");
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** MicroProfile Config on that node resolves the value (its cache keeps values up to a second). */
    static JsonObject awaitEffective(Http node, String key, String value) throws InterruptedException {
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

    /** Sets a setting and returns once MicroProfile Config resolves it, and its cache of the old value is gone. */
    static void set(Http http, String token, String key, String jsonValue) throws InterruptedException {
        Reply set = http.putJson("api/v1/config/" + key, token, "{\"value\": " + jsonValue + "}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        String expected = set.json().getString("value");
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            JsonObject setting = http.get("api/v1/config/" + key, token).json();
            if (expected.equals(setting.getJsonObject("effective").getString("value", ""))) {
                Thread.sleep(600); // MicroProfile Config's cache of resolved values (mp.config.cache.duration)
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(key + " did not become " + expected);
    }
}
