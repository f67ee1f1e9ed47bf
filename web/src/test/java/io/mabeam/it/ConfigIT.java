package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The config server: declared settings checked, versioned and rolled back, and fed to MicroProfile Config
 * below the environment.
 */
class ConfigIT extends SharedNode {

    @Test
    void configValuesAreCheckedVersionedAndRolledBack() throws Exception {
        String key = "it.config." + UUID.randomUUID().toString().substring(0, 8);
        String schema = "{\"type\":\"string\",\"allowedValues\":[\"fast\",\"safe\"],\"defaultValue\":\"safe\"}";
        assertThat(http.putJson("api/v1/config/schemas/" + key, ADMIN, schema).status())
                .isEqualTo(201);
        assertThat(http.putJson("api/v1/config/schemas/" + key, ADMIN, schema).status())
                .isEqualTo(200);
        String viewer = Http.basic(Users.create(http, "viewer"), "a-long-password-1");
        assertThat(http.putJson("api/v1/config/schemas/" + key, viewer, schema).status())
                .isEqualTo(403);
        assertThat(http.putJson("api/v1/config/schemas/it.bad", ADMIN, "{\"type\":\"float\"}")
                        .status())
                .isEqualTo(400);
        assertThat(http.putJson("api/v1/config/schemas/Bad_Key", ADMIN, "{\"type\":\"string\"}")
                        .status())
                .isEqualTo(400);

        Reply first = Settings.put(http, key, "\"-1\"", "{\"value\":\"fast\",\"comment\":\"speed up\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().getInt("version")).isZero();
        Reply outside = Settings.put(http, key, null, "{\"value\":\"reckless\"}");
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.isProblem()).isTrue();
        assertThat(outside.json().getString("detail")).contains("one of [fast, safe]");
        assertThat(Settings.put(http, key, "\"7\"", "{\"value\":\"safe\"}").status())
                .isEqualTo(412);
        assertThat(Settings.put(http, key, null, "{\"comment\":\"no value\"}").status())
                .isEqualTo(400);
        assertThat(Settings.put(http, "it.never-declared", null, "{\"value\":\"x\"}")
                        .status())
                .isEqualTo(404);
        assertThat(http.get("api/v1/config/" + key, ADMIN).json().getInt("version"))
                .isZero();

        assertThat(Settings.put(http, key, "\"0\"", "{\"value\":\"safe\"}")
                        .json()
                        .getInt("version"))
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
        Settings.awaitEffective(http, key, "safe");
    }

    @Test
    void boundConfigBodiesRefuseWrongTypesAndUnknownFieldsAndChangeNothing() {
        String key = "it.config." + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.putJson("api/v1/config/schemas/" + key, ADMIN, "{\"type\":\"integer\",\"maximum\":10}")
                        .status())
                .isEqualTo(201);
        assertThat(Settings.put(http, key, null, "{\"value\":3}").status()).isEqualTo(200);
        for (String[] bad : new String[][] {
            {"schemas/" + key, "{\"type\":\"integer\",\"maximum\":\"5\"}"},
            {"schemas/" + key, "{\"type\":5}"},
            {"schemas/" + key, "{\"type\":\"integer\",\"maximun\":5}"},
            {"schemas/" + key, "{\"type\":\"integer\",\"allowedValues\":3}"},
            {key, "{\"value\":{\"a\":1}}"},
            {key, "{\"value\":4,\"comment\":5}"},
            {key, "{\"valeu\":4}"},
            {key, "{\"value\":null}"},
            {key, ""}
        }) {
            Reply reply = http.putJson("api/v1/config/" + bad[0], ADMIN, bad[1]);
            assertThat(reply.status()).as(bad[1]).isEqualTo(400);
            assertThat(reply.isProblem()).as(bad[1]).isTrue();
        }
        for (String bad : new String[] {"{\"version\":\"0\"}", "{\"version\":0.5}", "{}", "{\"version\":0,\"x\":1}"}) {
            Reply reply = http.postJson("api/v1/config/" + key + "/rollback", ADMIN, bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.isProblem()).as(bad).isTrue();
        }
        JsonObject setting = http.get("api/v1/config/" + key, ADMIN).json();
        assertThat(setting.getInt("version")).isZero();
        assertThat(setting.getJsonNumber("maximum").intValue()).isEqualTo(10);
        assertThat(setting.getString("value")).isEqualTo("3");
    }

    @Test
    void configServerFeedsMicroProfileConfigBelowTheEnvironment() throws Exception {
        assertThat(Settings.put(http, "mabeam.health.max-heap-ratio", null, "{\"value\":0.97}")
                        .status())
                .isEqualTo(200);
        try {
            Settings.awaitEffective(http, "mabeam.health.max-heap-ratio", "0.97");
            String live = "";
            for (int i = 0; i < 50 && !live.contains("\"maxHeapRatio\":\"0.97\""); i++) {
                Thread.sleep(100);
                live = http.get("health/live", null).body();
            }
            assertThat(live).contains("\"maxHeapRatio\":\"0.97\""); // read through an injected @ConfigProperty
        } finally {
            http.delete("api/v1/config/mabeam.health.max-heap-ratio", ADMIN);
        }
        assertThat(Settings.put(http, "mabeam.health.max-heap-ratio", null, "{\"value\":2}")
                        .status())
                .isEqualTo(400);

        // MABEAM_API_MAX_BODY_BYTES=65536 in the node's environment wins over the config server
        assertThat(Settings.put(http, "mabeam.api.max-body-bytes", null, "{\"value\":2048}")
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
}
