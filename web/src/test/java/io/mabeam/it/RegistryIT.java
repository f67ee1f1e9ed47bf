package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service registry: entries found by name and metadata, collisions refused, dependencies and health.
 */
class RegistryIT extends SharedNode {

    @Test
    void registryFindsByNameAndMetadataAndRefusesCollisions() {
        String namespace = unique("it");
        String other = unique("it");
        Reply db = http.postJson(
                "api/v1/registry/" + namespace,
                ADMIN,
                "{\"name\":\"db\",\"kind\":\"service\",\"metadata\":{\"role\":\"store\",\"zone\":\"a\"}}");
        assertThat(db.status()).as(db.body()).isEqualTo(201);
        assertThat(db.json().getString("ownerNode")).isEqualTo("it-node");
        http.postJson("api/v1/registry/" + namespace, ADMIN, "{\"name\":\"cache\",\"metadata\":{\"zone\":\"a\"}}");
        http.postJson(
                "api/v1/registry/" + namespace,
                ADMIN,
                "{\"name\":\"api\",\"kind\":\"service\",\"dependencies\":[\"db\",\"queue\"]}");
        assertThat(http.postJson("api/v1/registry/" + other, ADMIN, "{\"name\":\"db\"}")
                        .status())
                .as("another namespace has names of its own")
                .isEqualTo(201);

        Reply collision = http.postJson("api/v1/registry/" + namespace, ADMIN, "{\"name\":\"db\"}");
        assertThat(collision.status()).isEqualTo(409);
        assertThat(collision.isProblem()).isTrue();
        assertThat(http.postJson("api/v1/registry/" + namespace, ADMIN, "{\"name\":\"-x\"}")
                        .status())
                .isEqualTo(400);
        assertThat(http.postJson("api/v1/registry/Bad_NS", ADMIN, "{\"name\":\"x\"}")
                        .status())
                .isEqualTo(400);
        assertThat(http.postJson("api/v1/registry/" + namespace, ADMIN, "{\"name\":\"p\",\"dependencies\":[\"db\"]}")
                        .status())
                .isEqualTo(400);
        assertThat(http.get("api/v1/registry/" + namespace, ADMIN).jsonValue().asJsonArray())
                .hasSize(3);

        assertThat(http.get("api/v1/registry/" + namespace + "?meta.zone=a", ADMIN)
                        .jsonValue()
                        .asJsonArray()
                        .getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("name"))
                .containsExactly("cache", "db");
        assertThat(http.get("api/v1/registry/" + namespace + "?meta.zone=a&kind=service", ADMIN)
                        .jsonValue()
                        .asJsonArray())
                .hasSize(1);
        JsonObject api =
                http.get("api/v1/registry/" + namespace + "/api", ADMIN).json();
        assertThat(api.getJsonArray("unmetDependencies").getValuesAs(JsonString.class))
                .extracting(JsonString::getString)
                .containsExactly("queue");
        Reply down = http.send(http.request("api/v1/registry/" + namespace + "/db/health")
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"health\":\"down\"}"))
                .build());
        assertThat(down.json().getString("health")).isEqualTo("DOWN");
        assertThat(http.get("api/v1/registry/" + namespace + "/api", ADMIN)
                        .json()
                        .getJsonArray("unmetDependencies"))
                .hasSize(2);

        assertThat(http.delete("api/v1/registry/" + namespace + "/db", ADMIN).status())
                .isEqualTo(204);
        assertThat(http.delete("api/v1/registry/" + namespace + "/db", ADMIN).status())
                .isEqualTo(404);
        assertThat(http.get("api/v1/registry/" + namespace + "/db", ADMIN).status())
                .isEqualTo(404);
        List<String> recorded = http
                .get("api/v1/events?stream=registry:" + namespace, ADMIN)
                .jsonValue()
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .map(e -> e.getString("type"))
                .toList();
        assertThat(recorded)
                .containsExactly(
                        "RegistryEntryRegistered",
                        "RegistryEntryRegistered",
                        "RegistryEntryRegistered",
                        "ServiceHealthChanged",
                        "ServiceDependencyLost",
                        "RegistryEntryRemoved",
                        "ServiceDependencyLost");
        assertThat(http.get("api/v1/registry", ADMIN).json().getInt(namespace)).isEqualTo(2);
    }

    @Test
    void malformedHealthReportsAre400ProblemsAndChangeNothing() {
        String namespace = unique("it");
        Reply db = http.postJson("api/v1/registry/" + namespace, ADMIN, "{\"name\":\"db\",\"kind\":\"service\"}");
        assertThat(db.status()).as(db.body()).isEqualTo(201);
        String health = db.json().getString("health");
        for (String bad :
                new String[] {"", "{}", "{\"health\":1}", "{\"health\":\"down\",\"heath\":1}", "[\"down\"]"}) {
            Reply reply = http.putJson("api/v1/registry/" + namespace + "/db/health", ADMIN, bad);
            assertThat(reply.status()).as(bad + " " + reply.body()).isEqualTo(400);
            assertThat(reply.isProblem()).as(reply.contentType()).isTrue();
        }
        assertThat(http.get("api/v1/registry/" + namespace + "/db", ADMIN)
                        .json()
                        .getString("health"))
                .isEqualTo(health);
    }
}
