package io.mabeam.llm.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.llm.FakeChatServer;
import io.mabeam.llm.FakeChatServer.Reply;
import io.mabeam.llm.entity.ChatCompletion;
import io.mabeam.llm.entity.ChatMessage;
import io.mabeam.llm.entity.ChatRequest;
import io.mabeam.llm.entity.LlmSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible protocol against a local server that speaks it, answering well and badly. */
class OpenAiCompatibleProviderTest {

    FakeChatServer server;
    final OpenAiCompatibleProvider provider = new OpenAiCompatibleProvider();
    final ChatRequest request =
            new ChatRequest(List.of(ChatMessage.system("be brief"), ChatMessage.user("hello")), 0.2, 64, true);

    @BeforeEach
    void start() throws Exception {
        server = new FakeChatServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    LlmSettings settings(Duration timeout) {
        return new LlmSettings("openai", server.baseUrl() + "/", "small-model", "sk-test", timeout, 64, 1000, 2000);
    }

    @Test
    void aCompletionCarriesTheTextTheModelAndTheTokensAndTheRequestIsTheProtocols() throws Exception {
        server.then(Reply.completion("{\"ok\": true}", 120, 30));
        ChatCompletion completion = provider.complete(request, settings(Duration.ofSeconds(5)));
        assertThat(completion.content()).isEqualTo("{\"ok\": true}");
        assertThat(completion.model()).isEqualTo("fake-model");
        assertThat(completion.promptTokens()).isEqualTo(120);
        assertThat(completion.completionTokens()).isEqualTo(30);
        assertThat(completion.finishReason()).isEqualTo("stop");
        FakeChatServer.Received sent = server.received().get(0);
        assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-test");
        assertThat(sent.body().getString("model")).isEqualTo("small-model");
        assertThat(sent.body().getJsonArray("messages")).hasSize(2);
        assertThat(sent.body().getJsonObject("response_format").getString("type"))
                .isEqualTo("json_object");
        assertThat(sent.body().getInt("max_tokens")).isEqualTo(64);
        assertThat(settings(Duration.ofSeconds(1)).cost(120, 30))
                .as("0.12 + 0.06 credits")
                .isEqualTo(180);
    }

    @Test
    void errorsMapToKindsThatSayWhetherTryingAgainHelps() {
        server.then(
                Reply.tooManyRequests(2),
                Reply.error(503, "overloaded"),
                Reply.error(401, "bad key"),
                Reply.error(400, "context length exceeded"));
        assertThatThrownBy(() -> provider.complete(request, settings(Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(LlmFailure.Retryable.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.RATE_LIMITED);
                    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(failure.getMessage()).contains("429", "Rate limit reached");
                });
        assertThatThrownBy(() -> provider.complete(request, settings(Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(LlmFailure.Retryable.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.SERVER);
                    assertThat(failure.getMessage()).contains("503", "overloaded");
                });
        assertThatThrownBy(() -> provider.complete(request, settings(Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(LlmFailure.class, failure -> {
                    assertThat(failure).isNotInstanceOf(LlmFailure.Retryable.class);
                    assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.AUTHENTICATION);
                });
        assertThatThrownBy(() -> provider.complete(request, settings(Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(LlmFailure.class, failure -> {
                    assertThat(failure).isNotInstanceOf(LlmFailure.Retryable.class);
                    assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.REJECTED);
                    assertThat(failure.getMessage()).contains("context length exceeded");
                });
    }

    @Test
    void aSlowAnswerIsATimeout() {
        server.then(Reply.completion("late").after(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> provider.complete(request, settings(Duration.ofMillis(300))))
                .isInstanceOfSatisfying(
                        LlmFailure.Retryable.class,
                        failure -> assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.TIMEOUT));
    }

    @Test
    void bodiesThatAreNotTheProtocolAreMalformed() {
        server.then(
                Reply.garbage("<html>502 Bad Gateway</html>"),
                Reply.garbage("{\"choices\": []}"),
                Reply.garbage("{\"choices\": [{\"message\": {\"role\": \"assistant\"}}]}"),
                Reply.garbage("[1, 2]"),
                Reply.garbage(""));
        for (String expected : List.of("not JSON", "no choices", "no message text", "not an object", "empty")) {
            assertThatThrownBy(() -> provider.complete(request, settings(Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(LlmFailure.Retryable.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.MALFORMED);
                        assertThat(failure.getMessage()).contains(expected);
                    });
        }
    }

    @Test
    void aServiceThatDoesNotCountTokensIsChargedAnEstimateAndNoServerIsUnreachable() throws Exception {
        server.then(
                Reply.garbage(
                        "{\"choices\": [{\"message\": {\"role\": \"assistant\", \"content\": \"forty characters of text, give or take.\"}}]}"));
        ChatCompletion completion = provider.complete(request, settings(Duration.ofSeconds(5)));
        assertThat(completion.completionTokens()).isEqualTo(10);
        assertThat(completion.model()).isEqualTo("small-model");
        LlmSettings nowhere =
                new LlmSettings("openai", "http://127.0.0.1:9/v1", "m", "", Duration.ofSeconds(2), 64, 0, 0);
        assertThatThrownBy(() -> provider.complete(request, nowhere))
                .isInstanceOfSatisfying(
                        LlmFailure.Retryable.class,
                        failure -> assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.UNREACHABLE));
    }
}
