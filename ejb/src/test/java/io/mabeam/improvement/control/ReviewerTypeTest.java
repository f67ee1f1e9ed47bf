package io.mabeam.improvement.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.improvement.entity.CoderSettings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** A reviewer's ballots on the terms the consensus sends it, and its configuration. */
class ReviewerTypeTest {

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static final String TERMS = """
            {"kind": "search-space-change", "improvement": "i1", "study": "s",
             "space": {"variables": [{"name": "units", "type": "int", "low": 4, "high": %d},
                                     {"name": "layers", "type": "int", "low": 1, "high": 3}]},
             "network": {"inputs": 6, "outputs": 3, "classification": true, "trainingRows": 206}}""";

    @Test
    void itVotesYesWithinItsLimitsNoBeyondThemAndAbstainsOnOtherProposals() {
        ReviewRules.Limits limits =
                ReviewerType.limits(json("{\"maxParameters\": 10000, \"ranges\": {\"units\": {\"max\": 64}}}"));
        JsonObject yes = ReviewerType.judge(json(TERMS.formatted(32)), limits);
        assertThat(yes.getString("ballot")).isEqualTo("yes");
        assertThat(yes.getString("reason")).contains("parameters");
        JsonObject tooWide = ReviewerType.judge(json(TERMS.formatted(128)), limits);
        assertThat(tooWide.getString("ballot")).isEqualTo("no");
        assertThat(tooWide.getString("reason")).contains("units", "leaves the range", "more than the 10,000 allowed");
        JsonObject other = ReviewerType.judge(json("{\"lr\": 0.1}"), limits);
        assertThat(other.getString("ballot")).isEqualTo("abstain");
        JsonObject broken = ReviewerType.judge(
                json(
                        "{\"kind\": \"search-space-change\", \"space\": {\"variables\": [{\"name\": \"x\", \"type\": \"float\", \"low\": 2, \"high\": 1}]}}"),
                limits);
        assertThat(broken.getString("ballot")).isEqualTo("no");
        assertThat(broken.getString("reason")).contains("not valid");
    }

    @Test
    void aConfigurationItCannotUseIsRefused() {
        ReviewerType type = new ReviewerType();
        type.validate(json("{}"));
        assertThatThrownBy(() -> type.validate(json("{\"colour\": 1}"))).hasMessageContaining("colour");
        assertThatThrownBy(() -> type.validate(json("{\"maxParameters\": -5}"))).hasMessageContaining("positive");
        assertThatThrownBy(() -> type.validate(json("{\"ranges\": {\"x\": {\"min\": 2, \"max\": 1}}}")))
                .hasMessageContaining("min above max");
        CoderType coder = new CoderType(new Improver() {
            @Override
            public JsonObject propose(String coder, CoderSettings settings) {
                throw new AssertionError("validating proposes nothing");
            }

            @Override
            public long completeTrials(String study) {
                throw new AssertionError("validating counts nothing");
            }
        });
        assertThatThrownBy(() -> coder.validate(json("{\"budget\": 3}"))).hasMessageContaining("study");
        assertThatThrownBy(() -> coder.validate(json("{\"study\": \"s\", \"budget\": 0}")))
                .hasMessageContaining("budget");
    }
}
