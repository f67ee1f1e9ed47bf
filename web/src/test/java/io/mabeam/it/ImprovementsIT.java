package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import io.mabeam.llm.FakeChatServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Improvements: a coder agent proposes a change to a study, reviewer agents vote, an accepted change runs as
 * a follow-up study and a rejected one does not; proposals by a language model, and the console's pages.
 */
class ImprovementsIT extends SharedNode {

    @AutoClose
    FakeChatServer llm;

    @BeforeEach
    void startTheLanguageModel() throws IOException {
        llm = new FakeChatServer();
    }

    JsonObject awaitImprovement(String id, String status) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonObject improvement = null;
        while (Instant.now().isBefore(deadline)) {
            improvement = http.get("api/v1/improvements/" + id, token).json();
            if (improvement.getString("status").equals(status)) {
                return improvement;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("improvement " + id + " did not become " + status + ": " + improvement);
    }

    /** Branin over x0 ∈ [2, 3], x1 ∈ [0, 2]: its minimum (π, 2.275) lies beyond the upper corner. */
    String braninStudyPressingItsUpperBounds() throws InterruptedException {
        String study = unique("coded");
        assertThat(http.postJson("api/v1/studies", token, """
                        {"name": "%s", "sampler": {"name": "random"}, "searchSpace": {"variables": [
                          {"name": "x0", "type": "float", "low": 2, "high": 3},
                          {"name": "x1", "type": "float", "low": 0, "high": 2}]}}""".formatted(study)).status())
                .isEqualTo(201);
        double[][] points = {
            {3.0, 2.0},
            {2.95, 1.95},
            {2.9, 1.9},
            {2.0, 0.0},
            {2.2, 0.5},
            {2.4, 0.3},
            {2.1, 1.0},
            {2.5, 0.8},
            {2.3, 1.2},
            {2.6, 0.1}
        };
        for (double[] point : points) {
            Reply enqueued = http.postJson(
                    "api/v1/studies/" + study + "/queue",
                    token,
                    "{\"parameters\": {\"x0\": %s, \"x1\": %s}}".formatted(point[0], point[1]));
            assertThat(enqueued.status()).as(enqueued.body()).isEqualTo(201);
        }
        Reply started = http.postJson(
                "api/v1/studies/" + study + "/jobs",
                token,
                "{\"budget\": 10, \"parallelism\": 2, \"objective\": \"branin\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(Studies.awaitRun(
                                http,
                                token,
                                study,
                                started.json().getJsonNumber("executionId").longValue(),
                                Duration.ofMinutes(2))
                        .getString("status"))
                .isEqualTo("COMPLETED");
        return study;
    }

    @Test
    void aCoderProposesTheReviewersVoteAndAnAcceptedChangeRunsAsAFollowUpStudyARejectedOneDoesNot() throws Exception {
        String study = braninStudyPressingItsUpperBounds();
        String lenient = unique("reviewer");
        String careful = unique("reviewer");
        String coder = unique("coder");
        assertThat(Agents.spawn(http, token, lenient, "reviewer", "{}").status())
                .isEqualTo(201);
        assertThat(Agents.spawn(http, token, careful, "reviewer", "{\"ranges\": {\"x0\": {\"min\": -5, \"max\": 10}}}")
                        .status())
                .isEqualTo(201);
        Reply badCoder = Agents.spawn(http, token, unique("coder"), "coder", "{\"budget\": 3}");
        assertThat(badCoder.status()).isEqualTo(400);
        assertThat(Agents.spawn(
                                http,
                                token,
                                coder,
                                "coder",
                                "{\"study\": \"%s\", \"objective\": \"branin\", \"budget\": 6, \"llm\": false}"
                                        .formatted(study))
                        .status())
                .isEqualTo(201);
        List<String> reviewers = List.of(lenient, careful);
        try {
            Reply asked = http.postJson(
                    "api/v1/agents/" + coder + "/messages",
                    token,
                    "{\"message\": {\"type\": \"propose\"}, \"awaitReply\": true, \"timeout\": \"PT30S\"}");
            assertThat(asked.status()).as(asked.body()).isEqualTo(200);
            JsonObject proposed = asked.json().getJsonObject("reply");
            assertThat(proposed.getBoolean("proposed")).as(proposed.toString()).isTrue();
            assertThat(proposed.getString("source")).isEqualTo("rules");
            assertThat(proposed.getString("coder")).isEqualTo(coder);
            List<JsonObject> edits =
                    proposed.getJsonObject("change").getJsonArray("edits").getValuesAs(JsonObject.class);
            assertThat(edits)
                    .extracting(e -> e.getString("variable") + " " + e.getString("action"))
                    .contains("x0 widen", "x1 widen");
            String id = proposed.getString("id");

            JsonObject applied = awaitImprovement(id, "applied");
            String followUp = applied.getString("followUp");
            assertThat(followUp).isEqualTo(study + "-r1");
            JsonObject run = Studies.awaitRun(
                    http,
                    token,
                    followUp,
                    applied.getJsonNumber("followUpExecution").longValue(),
                    Duration.ofMinutes(2));
            assertThat(run.getString("status")).isEqualTo("COMPLETED");
            List<JsonObject> followUpTrials = Studies.trials(http, token, followUp);
            assertThat(followUpTrials).hasSize(6);
            JsonObject carried =
                    http.get("api/v1/studies/" + followUp + "/trials/0", token).json();
            assertThat(carried.getJsonObject("parameters").getJsonNumber("x0").doubleValue())
                    .isEqualTo(3.0);
            assertThat(carried.getJsonObject("parameters").getJsonNumber("x1").doubleValue())
                    .isEqualTo(2.0);
            JsonObject space = http.get("api/v1/studies/" + followUp, token).json();
            assertThat(space.toString()).contains("\"high\":4");

            List<JsonObject> story = http.get("api/v1/events/streams/improvement:" + id, token)
                    .jsonValue()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class);
            assertThat(story)
                    .extracting(e -> e.getString("type"))
                    .containsExactly("ChangeProposed", "ChangeAccepted", "FollowUpStarted");
            JsonObject proposal = http.get("api/v1/proposals/" + applied.getString("proposal"), token)
                    .json();
            assertThat(proposal.getString("status")).isEqualTo("accepted");
            assertThat(proposal.getJsonArray("votes").getValuesAs(JsonObject.class))
                    .extracting(v -> v.getString("agent") + " " + v.getString("ballot"))
                    .contains(lenient + " yes", careful + " yes");

            // a reviewer that allows no x0 beyond 3.5 now outvotes... with the lenient one gone: rejected, with its
            // reason
            assertThat(http.postJson("api/v1/agents/" + lenient + "/stop", token, "{}")
                            .status())
                    .isIn(200, 202, 204);
            String strict = unique("reviewer");
            assertThat(Agents.spawn(http, token, strict, "reviewer", "{\"ranges\": {\"x0\": {\"max\": 3.5}}}")
                            .status())
                    .isEqualTo(201);
            reviewers = List.of(careful, strict);
            String second = braninStudyPressingItsUpperBounds();
            Reply viaRest = http.postJson(
                    "api/v1/improvements",
                    token,
                    "{\"study\": \"%s\", \"objective\": \"branin\", \"budget\": 3, \"llm\": false, \"rule\": {\"kind\": \"unanimous\"}}"
                            .formatted(second));
            assertThat(viaRest.status()).as(viaRest.body()).isEqualTo(201);
            JsonObject rejected = awaitImprovement(viaRest.json().getString("id"), "rejected");
            assertThat(rejected.getString("detail")).contains(strict + " no", "leaves the range the tenant allows");
            assertThat(rejected.isNull("followUp")).isTrue();
            assertThat(http.get("api/v1/studies/" + second + "-r1", token).status())
                    .isEqualTo(404);

            // bad settings are refused; too few trials propose nothing
            assertThat(http.postJson("api/v1/improvements", token, "{\"budget\": 3}")
                            .status())
                    .isEqualTo(400);
            assertThat(http.postJson(
                                    "api/v1/improvements",
                                    token,
                                    "{\"study\": \"%s\", \"colour\": 1}".formatted(second))
                            .status())
                    .isEqualTo(400);
            String young = unique("young");
            http.postJson("api/v1/studies", token, """
                    {"name": "%s", "searchSpace": {"variables": [{"name": "x0", "type": "float", "low": 0, "high": 1}]}}""".formatted(young));
            Reply nothing = http.postJson(
                    "api/v1/improvements", token, "{\"study\": \"%s\", \"objective\": \"branin\"}".formatted(young));
            assertThat(nothing.status()).isEqualTo(200);
            assertThat(nothing.json().getBoolean("proposed")).isFalse();
            assertThat(http.get("api/v1/improvements?study=" + study, token)
                            .json()
                            .getJsonArray("improvements"))
                    .hasSize(1);
            Reply badStatus = http.get("api/v1/improvements?status=maybe", token);
            assertThat(badStatus.status()).isEqualTo(400);
            assertThat(badStatus.isProblem()).isTrue();
            assertThat(http.get("api/v1/improvements?limit=0", token).status()).isEqualTo(400);
            assertThat(http.get("api/v1/improvements/" + unique("none"), token).status())
                    .isEqualTo(404);

            // with a language model: its structured answer is the proposal; a useless answer falls back to the rules
            llm.reset();
            Settings.set(http, token, "mabeam.llm.base-url", "\"" + llm.baseUrl() + "\"");
            llm.then(FakeChatServer.Reply.completion("""
                    {"edits": [{"variable": "x0", "action": "widen", "low": 2, "high": 3.4, "reason": "the best x0 is at the top"}],
                     "rationale": "x0 wants to grow"}"""));
            Reply fromModel = http.postJson(
                    "api/v1/improvements",
                    token,
                    "{\"study\": \"%s\", \"objective\": \"branin\", \"budget\": 3}".formatted(second));
            assertThat(fromModel.status()).as(fromModel.body()).isEqualTo(201);
            assertThat(fromModel.json().getString("source")).isEqualTo("llm");
            assertThat(fromModel.json().getJsonObject("change").getString("rationale"))
                    .isEqualTo("x0 wants to grow");
            assertThat(llm.received().get(0).body().toString()).contains(second, "bestTrials");
            llm.then(FakeChatServer.Reply.completion("I would widen x0, I think."));
            Reply fallback = http.postJson(
                    "api/v1/improvements",
                    token,
                    "{\"study\": \"%s\", \"objective\": \"branin\", \"budget\": 3}".formatted(second));
            assertThat(fallback.status()).as(fallback.body()).isEqualTo(201);
            assertThat(fallback.json().getString("source")).isEqualTo("rules");
            assertThat(fallback.json().getJsonObject("change").getString("llmFallback"))
                    .contains("not JSON");

            // the console: a study's improvements, proposing from its page, and the language model's page
            llm.answering(request -> "hello from the console");
            try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
                browser.go("console/login.xhtml");
                browser.logIn("admin", "it-admin-password-1");
                browser.go("console/study.xhtml?name=" + study);
                assertThat(browser.awaitText("#study\\:improvementTable", "applied"))
                        .contains(coder + " (rules)", "widen x0", study + "-r1");
                browser.go("console/study.xhtml?name=" + second);
                browser.click("study:propose");
                assertThat(browser.awaitText("#study\\:messages", "objective")).contains("has no training setup");
                browser.go("console/llm.xhtml");
                assertThat(browser.awaitText("#llm\\:settings", llm.baseUrl())).contains("closed");
                browser.type("llm:prompt", "Say hello");
                browser.click("llm:ask");
                assertThat(browser.awaitText("#answer", "hello from the console"))
                        .isNotBlank();
                assertThat(browser.awaitText("#llm\\:messages", "Answered by")).contains("tokens");
            }
        } finally {
            for (String agent : List.of(lenient, careful, coder)) {
                http.postJson("api/v1/agents/" + agent + "/stop", token, "{}");
            }
            reviewers.forEach(agent -> http.postJson("api/v1/agents/" + agent + "/stop", token, "{}"));
            http.delete("api/v1/config/mabeam.llm.base-url", token);
        }
    }
}
