package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Alerts to a webhook, sent through the outbound HTTP client's retries and circuit breaker.
 */
class AlertsIT extends SharedNode {

    @Test
    void alertsGoThroughRetriesAndACircuitBreakerOpensOnADeadWebhook() throws Exception {
        String key = "mabeam.alerts.webhook-url";
        AtomicInteger calls = new AtomicInteger();
        List<String> received = new CopyOnWriteArrayList<>();
        // the webhook receiver is a third party: a real HTTP server in this JVM, failing the test alert twice
        // before it takes it; the node's own alerts (an agent given up by an earlier test, say) may come in
        // between at any time, and are taken
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!body.contains("\"kind\":\"test\"")) {
                exchange.sendResponseHeaders(204, -1);
            } else if (calls.incrementAndGet() <= 2) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                received.add(body);
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.start();
        try {
            assertThat(http.postJson("api/v1/alerts/test", ADMIN, "").status()).isEqualTo(409);
            Reply malformed = Settings.put(http, key, null, "{\"value\":\"ftp://example.org/hook\"}");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.isProblem()).isTrue();

            useWebhook(key, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            Reply delivered = http.postJson("api/v1/alerts/test", ADMIN, "");
            assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
            assertThat(delivered.json().getBoolean("delivered"))
                    .as(delivered.body())
                    .isTrue();
            assertThat(calls).as("two 503 answers were retried").hasValue(3);
            assertThat(received).singleElement().asString().contains("\"kind\":\"test\"", "\"text\":");

            int deadPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                deadPort = socket.getLocalPort();
            }
            useWebhook(key, "http://127.0.0.1:" + deadPort + "/hook");
            assertThat(http.postJson("api/v1/alerts/test", ADMIN, "").json().getBoolean("delivered"))
                    .isFalse();
            Reply refused = http.postJson("api/v1/alerts/test", ADMIN, "");
            assertThat(refused.json().getString("reason")).contains("circuit breaker open");
            JsonObject breaker = http
                    .get("api/v1/resilience/breakers", ADMIN)
                    .jsonValue()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class)
                    .stream()
                    .filter(b -> b.getString("name").equals("outbound-http"))
                    .findFirst()
                    .orElseThrow();
            assertThat(breaker.getString("state")).isEqualTo("open");
            assertThat(breaker.getJsonNumber("refused").longValue()).isPositive();
            awaitHealthDetail("outbound-http open"); // the health monitor looks every 5 s
            assertThat(http.get("metrics?scope=application", null).body())
                    .contains("mabeam_resilience_breaker_open{breaker=\"outbound-http\"");
            List<String> recorded = http
                    .get("api/v1/events?stream=alerts&limit=100", ADMIN)
                    .jsonValue()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class)
                    .stream()
                    .map(e -> e.getString("type"))
                    .toList();
            assertThat(recorded).contains("AlertDelivered", "AlertNotDelivered");
        } finally {
            receiver.stop(0);
            http.delete("api/v1/config/" + key, ADMIN);
        }
    }

    void awaitHealthDetail(String detail) throws InterruptedException {
        String health = "";
        for (int i = 0; i < 150 && !health.contains(detail); i++) {
            Thread.sleep(100);
            health = http.get("api/v1/health", ADMIN).body();
        }
        assertThat(health).contains(detail);
    }

    void useWebhook(String key, String url) throws InterruptedException {
        assertThat(Settings.put(http, key, null, "{\"value\":\"" + url + "\"}").status())
                .isEqualTo(200);
        for (int i = 0; i < 100; i++) {
            // until MicroProfile Config, which the alerts read, resolves the new value
            JsonObject setting = http.get("api/v1/config/" + key, ADMIN).json();
            if (setting.containsKey("effective")
                    && url.equals(setting.getJsonObject("effective").getString("value", ""))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the node never cached " + url);
    }
}
