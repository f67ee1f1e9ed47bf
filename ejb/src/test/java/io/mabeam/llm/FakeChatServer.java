package io.mabeam.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local HTTP server that speaks OpenAI's chat-completions protocol ({@code POST /v1/chat/completions}), for
 * tests: it answers scripted replies in order — completions, errors, 429s with {@code Retry-After}, slow answers,
 * bodies that are not the protocol — and then its default, a completion whose text a function of the request
 * decides. Every request is recorded with its headers and time.
 */
public final class FakeChatServer implements AutoCloseable {

    /** One answer: status, headers, body, and how long to wait before sending it. */
    public record Reply(int status, Map<String, String> headers, String body, Duration delay) {

        public static Reply completion(String content) {
            return completion(content, 42, 17);
        }

        public static Reply completion(String content, int promptTokens, int completionTokens) {
            JsonObject body = Json.createObjectBuilder()
                    .add("id", "chatcmpl-fake")
                    .add("object", "chat.completion")
                    .add("model", "fake-model")
                    .add(
                            "choices",
                            Json.createArrayBuilder()
                                    .add(Json.createObjectBuilder()
                                            .add("index", 0)
                                            .add(
                                                    "message",
                                                    Json.createObjectBuilder()
                                                            .add("role", "assistant")
                                                            .add("content", content))
                                            .add("finish_reason", "stop")))
                    .add(
                            "usage",
                            Json.createObjectBuilder()
                                    .add("prompt_tokens", promptTokens)
                                    .add("completion_tokens", completionTokens)
                                    .add("total_tokens", promptTokens + completionTokens))
                    .build();
            return new Reply(200, Map.of("Content-Type", "application/json"), body.toString(), Duration.ZERO);
        }

        public static Reply error(int status, String message) {
            return new Reply(
                    status,
                    Map.of("Content-Type", "application/json"),
                    Json.createObjectBuilder()
                            .add(
                                    "error",
                                    Json.createObjectBuilder()
                                            .add("message", message)
                                            .add("type", "fake_error"))
                            .build()
                            .toString(),
                    Duration.ZERO);
        }

        public static Reply tooManyRequests(int retryAfterSeconds) {
            Reply error = error(429, "Rate limit reached, try again later");
            return new Reply(
                    429,
                    Map.of("Content-Type", "application/json", "Retry-After", Integer.toString(retryAfterSeconds)),
                    error.body(),
                    Duration.ZERO);
        }

        public static Reply garbage(String body) {
            return new Reply(200, Map.of("Content-Type", "application/json"), body, Duration.ZERO);
        }

        public Reply after(Duration delay) {
            return new Reply(status, headers, body, delay);
        }
    }

    /** A request as it arrived. */
    public record Received(JsonObject body, Map<String, List<String>> headers, Instant at) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<JsonObject, String> answer = request -> "{}";

    public FakeChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-chat-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    /** The base URL to configure: {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Answers these replies, in order, before the default. */
    public FakeChatServer then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** The default answer: a completion whose text {@code answer} makes from the request. */
    public FakeChatServer answering(Function<JsonObject, String> answer) {
        this.answer = answer;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void reset() {
        script.clear();
        received.clear();
        answer = request -> "{}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonObject body;
            try {
                body = Json.createReader(new StringReader(text)).readObject();
            } catch (RuntimeException e) {
                send(exchange, Reply.error(400, "the body is not JSON"));
                return;
            }
            received.add(new Received(body, Map.copyOf(exchange.getRequestHeaders()), Instant.now()));
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, Reply.error(405, "POST only"));
                return;
            }
            Reply reply = script.poll();
            if (reply == null) {
                reply = Reply.completion(answer.apply(body));
            }
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            send(exchange, reply);
        } catch (IOException e) {
            // the client went away (it timed out): nothing to answer
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
