package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The node's health: its MicroProfile Health checks (readiness, startup, liveness), the health monitor with its
 * history, the Prometheus metrics, and what the node reports of itself.
 */
class HealthAndMetricsIT extends SharedNode {

    @Test
    void readinessCoversDatabaseAndHazelcast() {
        Reply ready = http.get("health/ready", null);
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        JsonObject health = ready.json();
        assertThat(health.getString("status")).isEqualTo("UP");
        List<String> checks = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("name"))
                .toList();
        assertThat(checks).contains("database", "hazelcast", "event-store");
        assertThat(ready.body()).contains("PostgreSQL");
    }

    @Test
    void startedOnceMigrationsRan() {
        Reply started = http.get("health/started", null);
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.body()).contains("\"migrations\"").containsPattern("\"schemaVersion\":\"\\d{3}\"");
        assertThat(http.get("health/live", null).status()).isEqualTo(200);
    }

    @Test
    void metricsExposeApplicationFiguresInPrometheusFormat() {
        http.get("api/v1/does-not-exist", ADMIN); // one 404 problem to count
        http.get("api/v1/me", Http.basic("admin", "a-wrong-guess")); // one refused password
        Reply metrics = http.get("metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("# TYPE mabeam_cluster_members gauge")
                .contains("mabeam_auth_failures_total{kind=\"basic\",mp_scope=\"application\"}")
                .contains("mabeam_api_problems_total{mp_scope=\"application\",status=\"404\"}");
    }

    @Test
    void theHealthMonitorAggregatesComponentsAndRecordsChanges() {
        JsonObject health = http.get("api/v1/health", ADMIN).json();
        assertThat(health.getString("node")).isEqualTo("it-node");
        assertThat(health.getString("level")).isIn("HEALTHY", "DEGRADED");
        assertThat(health.getJsonArray("components").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("component"))
                .contains("database", "event-store", "cluster", "subscriptions", "config", "registry", "heap");
        JsonObject checked = http.postJson("api/v1/health/check", ADMIN, "").json();
        assertThat(checked.getString("checkedAt")).isNotEqualTo(health.getString("checkedAt"));
        List<JsonObject> history = http.get("api/v1/health/history", ADMIN)
                .jsonValue()
                .asJsonArray()
                .getValuesAs(JsonObject.class);
        assertThat(history).isNotEmpty();
        assertThat(history.get(0).getString("node")).isEqualTo("it-node");
        assertThat(http.get("health/ready", null).body()).contains("\"foundation\"");
        assertThat(http.get("metrics", null).body())
                .contains("mabeam_health_level")
                .contains("mabeam_registry_entries");
    }

    @Test
    void nodeReportsItsNameAndItselfAsMember() {
        JsonObject node = http.get("api/v1/node", ADMIN).json();
        assertThat(node.getString("name")).isEqualTo("it-node");
        assertThat(node.getBoolean("clustered")).isTrue();
        assertThat(node.getString("clusterName")).isEqualTo("mabeam-it-web");
        List<JsonObject> members = node.getJsonArray("members").getValuesAs(JsonObject.class);
        assertThat(members).anySatisfy(m -> {
            assertThat(m.getBoolean("local")).isTrue();
            assertThat(m.getString("nodeName")).isEqualTo("it-node");
            assertThat(m.getString("address")).isEqualTo("127.0.0.1:6960");
        });
    }
}
