package io.mabeam.consensus.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class VoterTypeTest {

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static final JsonObject LIMITS =
            json("{\"lr\": {\"min\": 0.001, \"max\": 0.1}, \"optimizer\": {\"in\": [\"adam\", \"sgd\"]}}");

    @Test
    void yesWithinEveryLimitNoWithTheNearestAcceptableTermsAbstainWhenNoneOfItsTerms() {
        assertThat(VoterType.judge(LIMITS, json("{\"lr\": 0.01, \"optimizer\": \"adam\", \"other\": 1}"))
                        .getString("ballot"))
                .isEqualTo("yes");
        JsonObject no = VoterType.judge(LIMITS, json("{\"lr\": 0.5, \"optimizer\": \"rmsprop\"}"));
        assertThat(no.getString("ballot")).isEqualTo("no");
        assertThat(no.getJsonObject("counter")).isEqualTo(json("{\"lr\": 0.1, \"optimizer\": \"adam\"}"));
        assertThat(no.getString("reason")).contains("lr above 0.1").contains("optimizer is not one of");
        assertThat(VoterType.judge(LIMITS, json("{\"epochs\": 3}")).getString("ballot"))
                .isEqualTo("abstain");
    }

    @Test
    void badConfigurationsAreRefused() {
        VoterType type = new VoterType();
        type.validate(json("{\"accept\": {\"x\": {\"max\": 1}}, \"delay\": \"PT1S\"}"));
        assertThatThrownBy(() -> type.validate(json("{\"accept\": {\"x\": {\"min\": 2, \"max\": 1}}}")))
                .hasMessageContaining("min above max");
        assertThatThrownBy(() -> type.validate(json("{\"accept\": {\"x\": {\"below\": 2}}}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> type.validate(json("{\"delay\": \"soon\"}"))).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> type.validate(json("{\"mood\": 1}"))).hasMessageContaining("mood");
        assertThatThrownBy(() -> type.message(json("{\"type\": \"chat\"}"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
