package io.mabeam.llm.control;

import io.mabeam.llm.entity.ChatCompletion;
import io.mabeam.llm.entity.ChatMessage;
import io.mabeam.llm.entity.ChatRequest;
import io.mabeam.llm.entity.LlmSettings;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * OpenAI's chat-completions protocol ({@code POST <base>/chat/completions}), which hosted services and local
 * servers — llama.cpp's server, vLLM, Ollama's OpenAI endpoint — all speak. Maps every way a call goes wrong to a
 * {@link LlmFailure} kind: 429 (with its {@code Retry-After}), 5xx, a timeout, no connection, a body that is not
 * a completion (not JSON, no choices, no text), 401/403, other 4xx.
 */
public final class OpenAiCompatibleProvider implements LlmProvider {

    public static final String NAME = "openai";
    static final int MAX_BODY_CHARS = 2_000_000;

    private final HttpClient client;

    public OpenAiCompatibleProvider() {
        this(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build());
    }

    OpenAiCompatibleProvider(HttpClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ChatCompletion complete(ChatRequest request, LlmSettings settings) throws LlmFailure {
        URI target = URI.create(settings.baseUrl().replaceAll("/+$", "") + "/chat/completions");
        HttpRequest.Builder http = HttpRequest.newBuilder(target)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", "MABEAM")
                .POST(HttpRequest.BodyPublishers.ofString(
                        body(request, settings).toString(), StandardCharsets.UTF_8));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            http.header("Authorization", "Bearer " + settings.apiKey());
        }
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = client.send(http.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw LlmFailure.of(
                    LlmFailure.Kind.TIMEOUT, "no answer from " + target.getHost() + " within " + settings.timeout());
        } catch (ConnectException e) {
            throw LlmFailure.of(LlmFailure.Kind.UNREACHABLE, "could not connect to " + target + ": " + e.getMessage());
        } catch (IOException e) {
            throw LlmFailure.of(LlmFailure.Kind.UNREACHABLE, "calling " + target + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LlmFailure.of(LlmFailure.Kind.TIMEOUT, "the call to " + target.getHost() + " was interrupted");
        }
        long latency = (System.nanoTime() - started) / 1_000_000;
        int status = response.statusCode();
        if (status == 429) {
            throw LlmFailure.of(
                    LlmFailure.Kind.RATE_LIMITED,
                    target.getHost() + " answered 429 Too Many Requests" + errorMessage(response.body()),
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        }
        if (status >= 500) {
            throw LlmFailure.of(
                    LlmFailure.Kind.SERVER, target.getHost() + " answered " + status + errorMessage(response.body()));
        }
        if (status == 401 || status == 403) {
            throw LlmFailure.of(
                    LlmFailure.Kind.AUTHENTICATION,
                    target.getHost() + " refused the credentials (" + status + ")" + errorMessage(response.body()));
        }
        if (status != 200) {
            throw LlmFailure.of(
                    LlmFailure.Kind.REJECTED,
                    target.getHost() + " refused the request (" + status + ")" + errorMessage(response.body()));
        }
        return completion(response.body(), settings.model(), latency);
    }

    static JsonObject body(ChatRequest request, LlmSettings settings) {
        JsonArrayBuilder messages = Json.createArrayBuilder();
        for (ChatMessage message : request.messages()) {
            messages.add(Json.createObjectBuilder().add("role", message.role()).add("content", message.content()));
        }
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("model", settings.model())
                .add("messages", messages)
                .add("temperature", request.temperature())
                .add("max_tokens", request.maxTokens());
        if (request.json()) {
            body.add("response_format", Json.createObjectBuilder().add("type", "json_object"));
        }
        return body.build();
    }

    /** A completion from a 200 body, or MALFORMED saying what is missing. */
    static ChatCompletion completion(String body, String requestedModel, long latencyMillis) throws LlmFailure {
        if (body == null || body.isBlank()) {
            throw LlmFailure.of(LlmFailure.Kind.MALFORMED, "the answer was empty");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw LlmFailure.of(
                    LlmFailure.Kind.MALFORMED, "the answer was longer than " + MAX_BODY_CHARS + " characters");
        }
        JsonObject json;
        try {
            JsonValue value = Json.createReader(new StringReader(body)).readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw LlmFailure.of(LlmFailure.Kind.MALFORMED, "the answer was JSON but not an object");
            }
            json = value.asJsonObject();
        } catch (JsonException e) {
            throw LlmFailure.of(LlmFailure.Kind.MALFORMED, "the answer was not JSON: " + snippet(body));
        }
        if (!(json.get("choices") instanceof JsonArray choices) || choices.isEmpty()) {
            throw LlmFailure.of(LlmFailure.Kind.MALFORMED, "the answer had no choices: " + snippet(body));
        }
        if (!(choices.get(0) instanceof JsonObject choice)
                || !(choice.get("message") instanceof JsonObject message)
                || !(message.get("content") instanceof JsonString content)) {
            throw LlmFailure.of(LlmFailure.Kind.MALFORMED, "the first choice had no message text: " + snippet(body));
        }
        String text = content.getString();
        int promptTokens = 0;
        int completionTokens = 0;
        if (json.get("usage") instanceof JsonObject usage) {
            promptTokens = count(usage, "prompt_tokens");
            completionTokens = count(usage, "completion_tokens");
        }
        if (completionTokens == 0) {
            completionTokens = text.length() / 4 + 1; // a service that does not count: estimate, never free
        }
        String model = json.get("model") instanceof JsonString m ? m.getString() : requestedModel;
        String finish = choice.get("finish_reason") instanceof JsonString f ? f.getString() : "";
        return new ChatCompletion(text, model, promptTokens, completionTokens, finish, latencyMillis);
    }

    private static int count(JsonObject usage, String field) {
        return usage.get(field) instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0
                ? (int) Math.min(Integer.MAX_VALUE, n.longValue())
                : 0;
    }

    /** {@code Retry-After} in seconds (the HTTP-date form is rare for these services: taken as one second). */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(header.strip()) * 1000));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonObject json = Json.createReader(new StringReader(body)).readObject();
            if (json.get("error") instanceof JsonObject error && error.get("message") instanceof JsonString message) {
                return ": " + snippet(message.getString());
            }
        } catch (JsonException | ClassCastException e) {
            // not the protocol's error shape: show the start of the body
        }
        return ": " + snippet(body);
    }

    static String snippet(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
    }
}
