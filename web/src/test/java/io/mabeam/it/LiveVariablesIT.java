package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Live variables: bounds, versions and history, and a study that tunes a live variable and a platform
 * setting and applies its best.
 */
class LiveVariablesIT extends SharedNode {

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
            JsonObject trial = Studies.ask(http, token, study);
            JsonObject p = trial.getJsonObject("parameters");
            double value = Math.abs(Math.log10(p.getJsonNumber(lr).doubleValue()) + 2.5)
                    + p.getJsonNumber(setting).doubleValue() / 1e6;
            Studies.tell(http, token, study, trial.getInt("number"), "{\"values\":[%s]}".formatted(value));
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
    void malformedVariableBodiesAre400ProblemsAndChangeNothing() {
        String name = unique("it.bodies");
        assertThat(http.putJson(
                                "api/v1/variables/" + name,
                                token,
                                "{\"definition\":{\"type\":\"float\",\"low\":0,\"high\":1},\"value\":0.5}")
                        .status())
                .isEqualTo(201);
        for (Reply bad : java.util.List.of(
                http.putJson("api/v1/variables/" + unique("it.bodies"), token, ""),
                http.putJson("api/v1/variables/" + unique("it.bodies"), token, "{\"definition\":[1],\"value\":1}"),
                http.putJson(
                        "api/v1/variables/" + unique("it.bodies"),
                        token,
                        "{\"definition\":{\"type\":\"float\",\"low\":0,\"high\":1},\"value\":0.5,\"vaule\":1}"),
                http.putJson("api/v1/variables/" + name + "/value", token, ""),
                http.putJson("api/v1/variables/" + name + "/value", token, "{\"value\":0.2,\"version\":1.5}"),
                http.putJson("api/v1/variables/" + name + "/value", token, "{\"value\":0.2,\"version\":null}"),
                http.putJson("api/v1/variables/" + name + "/value", token, "{\"value\":0.2,\"reason\":7}"),
                http.putJson("api/v1/variables/" + name + "/value", token, "{\"value\":0.2,\"version\":-1}"))) {
            assertThat(bad.status()).as(bad.body()).isEqualTo(400);
            assertThat(bad.isProblem()).as(bad.contentType()).isTrue();
        }
        JsonObject current = http.get("api/v1/variables/" + name, token).json();
        assertThat(current.getInt("version")).isEqualTo(1);
        assertThat(current.getJsonNumber("value").doubleValue()).isEqualTo(0.5);
    }
}
