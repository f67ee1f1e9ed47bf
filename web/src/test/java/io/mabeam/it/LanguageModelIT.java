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
 * The language model adapter against a fake chat service: retries, timeouts, the circuit breaker, the
 * tokens charged to a study's account, and the cluster's rate limit.
 */
class LanguageModelIT extends SharedNode {

    @AutoClose
    FakeChatServer llm;

    @BeforeEach
    void startTheLanguageModel() throws IOException {
        llm = new FakeChatServer();
    }

    Reply complete(String payer) {
        return http.postJson(
                "api/v1/llm/completions",
                token,
                "{\"messages\": [{\"role\": \"user\", \"content\": \"say hello\"}], \"payer\": \"%s\", \"purpose\": \"it\"}"
                        .formatted(payer));
    }

    void succeeds(String payer, int times) {
        for (int i = 0; i < times; i++) {
            Reply reply = complete(payer);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        }
    }

    /**
     * Other classes on this node ask the language model too (ImprovementsIT): leave its breaker closed and its
     * window full of successes, since three failures in four open it again. A call made while the breaker is open,
     * or over the cluster's limit just restored, is refused without reaching the fake; those are tried again.
     */
    void leaveTheBreakerClosed(String payer) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        int successes = 0;
        while ((successes < 4 || !"closed".equals(breaker())) && Instant.now().isBefore(deadline)) {
            if (complete(payer).status() == 200) {
                successes++;
            } else {
                successes = 0;
                Thread.sleep(2000);
            }
        }
        assertThat(breaker())
                .as("the language model's breaker, as this class leaves it")
                .isEqualTo("closed");
    }

    String breaker() {
        return http.get("api/v1/llm", token).json().getString("breaker");
    }

    String llmOutcome(Reply reply) {
        assertThat(reply.isProblem()).as(reply.body()).isTrue();
        return reply.json().getString("detail");
    }

    @Test
    void theLanguageModelAdapterRetriesWhatIsWorthItTimesOutBreaksTheCircuitAndChargesTokens() throws Exception {
        String study = unique("llm-study");
        Reply opened =
                http.postJson("api/v1/accounts", token, "{\"kind\":\"study\",\"owner\":\"%s\"}".formatted(study));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String account = opened.json().getString("id");
        assertThat(http.postJson("api/v1/accounts/" + account + "/deposits", token, "{\"amount\": 10}")
                        .status())
                .isEqualTo(201);
        llm.reset();
        llm.answering(request -> "hello from the fake");
        Settings.set(http, token, "mabeam.llm.base-url", "\"" + llm.baseUrl() + "\"");
        Settings.set(http, token, "mabeam.llm.timeout", "\"PT2S\"");
        Settings.set(http, token, "mabeam.llm.model", "\"fake-small\"");
        Settings.set(http, token, "mabeam.llm.price-per-1k-prompt-tokens", "1");
        Settings.set(http, token, "mabeam.llm.price-per-1k-completion-tokens", "2");
        try {
            // an answer: the text, the tokens, 42 prompt tokens at 1 and 17 completion tokens at 2 per thousand
            llm.then(FakeChatServer.Reply.completion("hello", 42, 17));
            Reply first = complete(account);
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(first.json().getString("content")).isEqualTo("hello");
            assertThat(first.json().getJsonNumber("cost").doubleValue()).isEqualTo(0.076);
            assertThat(llm.received().get(0).body().getString("model")).isEqualTo("fake-small");
            assertThat(http.get("api/v1/accounts/" + account, token)
                            .json()
                            .getJsonNumber("balance")
                            .doubleValue())
                    .isEqualTo(9.924);

            // 500 and 503 are tried again; the third attempt answers
            int before = llm.received().size();
            llm.then(FakeChatServer.Reply.error(500, "boom"), FakeChatServer.Reply.error(503, "overloaded"));
            assertThat(complete(account).status()).isEqualTo(200);
            assertThat(llm.received().size() - before).isEqualTo(3);
            succeeds(account, 2);

            // a 429 is tried again after its Retry-After
            before = llm.received().size();
            llm.then(FakeChatServer.Reply.tooManyRequests(1));
            assertThat(complete(account).status()).isEqualTo(200);
            List<FakeChatServer.Received> limited =
                    llm.received().subList(before, llm.received().size());
            assertThat(limited).hasSize(2);
            assertThat(Duration.between(limited.get(0).at(), limited.get(1).at()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            succeeds(account, 2);

            // bad credentials are not tried again
            before = llm.received().size();
            llm.then(FakeChatServer.Reply.error(401, "invalid api key"));
            Reply refused = complete(account);
            assertThat(refused.status()).isEqualTo(502);
            assertThat(llmOutcome(refused)).startsWith("authentication").contains("invalid api key");
            assertThat(llm.received().size() - before).isEqualTo(1);
            succeeds(account, 2);

            // slow answers time out, three times: the circuit opens and the next call does not reach the service
            before = llm.received().size();
            Duration slow = Duration.ofSeconds(3);
            llm.then(
                    FakeChatServer.Reply.completion("late").after(slow),
                    FakeChatServer.Reply.completion("late").after(slow),
                    FakeChatServer.Reply.completion("late").after(slow));
            Reply timedOut = complete(account);
            assertThat(timedOut.status()).as(timedOut.body()).isEqualTo(504);
            assertThat(llm.received().size() - before).isEqualTo(3);
            Reply open = complete(account);
            assertThat(open.status()).isEqualTo(503);
            assertThat(llmOutcome(open)).startsWith("circuit-open");
            assertThat(llm.received().size() - before)
                    .as("refused here, not sent")
                    .isEqualTo(3);
            assertThat(http.get("api/v1/llm", token).json().getString("breaker"))
                    .isEqualTo("open");
            JsonObject checked = http.postJson("api/v1/health/check", token, "").json();
            assertThat(checked.getJsonArray("components").getValuesAs(JsonObject.class))
                    .filteredOn(c -> c.getString("component").equals("llm"))
                    .singleElement()
                    .satisfies(c -> assertThat(c.getString("status")).isEqualTo("DEGRADED"));

            // after the breaker's delay a call goes through again and closes it
            Instant deadline = Instant.now().plusSeconds(40);
            Reply again = complete(account);
            while (again.status() == 503 && Instant.now().isBefore(deadline)) {
                Thread.sleep(1000);
                again = complete(account);
            }
            assertThat(again.status()).as(again.body()).isEqualTo(200);

            // answers that are not the protocol are tried again, then given up
            before = llm.received().size();
            llm.then(
                    FakeChatServer.Reply.garbage("<html>bad gateway</html>"),
                    FakeChatServer.Reply.garbage("{\"choices\": []}"),
                    FakeChatServer.Reply.garbage("{\"unexpected\": true}"));
            Reply garbage = complete(account);
            assertThat(garbage.status()).isEqualTo(502);
            assertThat(llmOutcome(garbage)).startsWith("malformed");
            assertThat(llm.received().size() - before).isEqualTo(3);

            // a study that cannot pay is not served, and nothing is sent
            String poor = unique("poor");
            String poorAccount = http.postJson(
                            "api/v1/accounts", token, "{\"kind\":\"study\",\"owner\":\"%s\"}".formatted(poor))
                    .json()
                    .getString("id");
            before = llm.received().size();
            Reply broke = complete(poorAccount);
            assertThat(broke.status()).isEqualTo(422);
            assertThat(llmOutcome(broke)).startsWith("no-budget");
            assertThat(llm.received().size()).isEqualTo(before);

            // bad input is a 400 and reaches nobody
            assertThat(http.postJson("api/v1/llm/completions", token, "{\"messages\": []}")
                            .status())
                    .isEqualTo(400);
            assertThat(http.postJson(
                                    "api/v1/llm/completions",
                                    token,
                                    "{\"messages\": [{\"role\": \"robot\", \"content\": \"x\"}]}")
                            .status())
                    .isEqualTo(400);
            for (String bad : new String[] {
                "{\"messages\": [null]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": 5}]}",
                "{\"messages\": [{\"role\": \"user\"}]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"temperature\": \"hot\"}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"temperature\": 3}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"maxTokens\": 0}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"maxTokens\": 1.5}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"json\": \"yes\"}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"temprature\": 1}",
                ""
            }) {
                Reply badInput = http.postJson("api/v1/llm/completions", token, bad);
                assertThat(badInput.status()).as(bad).isEqualTo(400);
                assertThat(badInput.isProblem()).as(bad).isTrue();
            }
            assertThat(llm.received().size()).isEqualTo(before);

            JsonObject status = http.get("api/v1/llm", token).json();
            assertThat(status.getString("apiKey")).isEqualTo("none");
            assertThat(status.getJsonObject("usage").getJsonObject("calls").getInt("timeout"))
                    .isGreaterThanOrEqualTo(1);
            List<JsonObject> events = http.get("api/v1/events/streams/llm?direction=backwards&limit=100", token)
                    .jsonValue()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class);
            assertThat(events)
                    .extracting(e -> e.getJsonObject("payload").getString("outcome"))
                    .contains("answered", "timeout", "circuit-open", "authentication", "malformed", "no-budget");
            assertThat(http.get("metrics", null).body().lines())
                    .anyMatch(
                            line -> line.startsWith("mabeam_llm_calls_total{") && line.contains("outcome=\"timeout\""))
                    .anyMatch(line ->
                            line.startsWith("mabeam_llm_tokens_total{") && line.contains("kind=\"completion\""));

            // the cluster's own limit: calls beyond it are not made
            Settings.set(http, token, "mabeam.ratelimit.llm.per-minute", "1");
            Reply within = complete(account);
            Reply beyond = complete(account);
            assertThat(List.of(within.status(), beyond.status())).contains(429);
        } finally {
            Settings.set(http, token, "mabeam.ratelimit.llm.per-minute", "60");
            leaveTheBreakerClosed(account);
            for (String key : List.of(
                    "mabeam.llm.base-url",
                    "mabeam.llm.timeout",
                    "mabeam.llm.price-per-1k-prompt-tokens",
                    "mabeam.llm.price-per-1k-completion-tokens")) {
                assertThat(http.delete("api/v1/config/" + key, token).status()).isIn(200, 204);
            }
        }
    }
}
