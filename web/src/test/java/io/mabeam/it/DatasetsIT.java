package io.mabeam.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Datasets: uploads that are hostile, malformed or too large are refused and change nothing; a good one is
 * stored with its schema.
 */
class DatasetsIT extends SharedNode {

    @Test
    void hostileOrMalformedDatasetsAreRefusedAndChangeNothing() throws Exception {
        int before = http.get("api/v1/datasets", token)
                .json()
                .getJsonArray("datasets")
                .size();
        String name = unique("upload");
        Reply ragged = http.put("api/v1/datasets/" + name, token, "text/csv", "a,b\n1,2\n3\n".getBytes(UTF_8));
        assertThat(ragged.status()).isEqualTo(400);
        assertThat(ragged.isProblem()).isTrue();
        assertThat(ragged.json().getString("detail")).isEqualTo("line 3: has 1 fields; the header has 2");
        Reply formula =
                http.put("api/v1/datasets/" + name, token, "text/csv", "a,b\n1,=cmd|' /C calc'!A0\n".getBytes(UTF_8));
        assertThat(formula.status()).isEqualTo(400);
        assertThat(formula.json().getString("detail")).contains("formula");
        Reply binary =
                http.put("api/v1/datasets/" + name, token, "text/csv", new byte[] {'a', '\n', 0, 1, (byte) 0xff});
        assertThat(binary.status()).isEqualTo(400);
        assertThat(http.put("api/v1/datasets/bad%20name", token, "text/csv", "a\n1\n".getBytes(UTF_8))
                        .status())
                .isEqualTo(400);
        // larger than the setting allows: 413, whatever the body says
        String key = "api/v1/config/mabeam.datasets.max-bytes";
        assertThat(http.putJson(key, token, "{\"value\": 2048}").status()).isEqualTo(200);
        try {
            awaitEffective(key, "2048");
            Reply huge = http.put(
                    "api/v1/datasets/" + name, token, "text/csv", ("a\n" + "1\n".repeat(5000)).getBytes(UTF_8));
            assertThat(huge.status()).isEqualTo(413);
            assertThat(huge.isProblem()).isTrue();
        } finally {
            assertThat(http.delete(key, token).status()).isEqualTo(200);
        }
        assertThat(http.get("api/v1/datasets/" + name, token).status()).isEqualTo(404);
        assertThat(http.get("api/v1/datasets", token).json().getJsonArray("datasets"))
                .hasSize(before);

        // a good one is stored with its schema, downloads as it came, and a second upload of the name is refused
        byte[] csv = "x,y,colour\n1.5,0,red\n2.5,1,blue\n,1,red\n4,0,\n".getBytes(UTF_8);
        Reply stored = http.put("api/v1/datasets/" + name, token, "text/csv", csv);
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        JsonObject x =
                stored.json().getJsonObject("schema").getJsonArray("columns").getJsonObject(0);
        assertThat(x.getString("type")).isEqualTo("numeric");
        assertThat(x.getInt("missing")).isEqualTo(1);
        assertThat(http.get("api/v1/datasets/" + name + "/content", token).body())
                .isEqualTo(new String(csv, UTF_8));
        assertThat(http.put("api/v1/datasets/" + name, token, "text/csv", csv).status())
                .isEqualTo(409);
        assertThat(http.delete("api/v1/datasets/" + name, token).status()).isEqualTo(204);
    }

    void awaitEffective(String key, String value) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            JsonObject setting = http.get(key, token).json();
            if (value.equals(setting.getJsonObject("effective").getString("value", ""))) {
                return;
            }
            Thread.sleep(100); // a busy loop would spend the client's read limit
        }
        throw new AssertionError(key + " did not become " + value);
    }
}
