package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Studies for the ITs, driven over the REST API as a client in any language would: ask, tell, batch runs. */
final class Studies {

    /** A mixed search space with a conditional variable: {@code momentum} is there when the optimizer is sgd. */
    static final String SPACE = """
            {"variables": [
              {"name": "x", "type": "float", "low": -5, "high": 10},
              {"name": "layers", "type": "int", "low": 1, "high": 8},
              {"name": "optimizer", "type": "categorical", "choices": ["sgd", "adam"]},
              {"name": "momentum", "type": "float", "low": 0.5, "high": 0.99, "when": {"parent": "optimizer", "in": ["sgd"]}}
            ]}""";

    private Studies() {}

    /** Creates a study over {@link #SPACE}; {@code extra} is more of its JSON fields, each after a comma. */
    static String create(Http http, String token, String name, String extra) {
        Reply created = http.postJson(
                "api/v1/studies", token, "{\"name\":\"%s\",\"searchSpace\":%s%s}".formatted(name, SPACE, extra));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    static JsonObject ask(Http http, String token, String study) {
        Reply asked = http.postJson("api/v1/studies/" + study + "/trials", token, "{}");
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        return asked.json();
    }

    static Reply tell(Http http, String token, String study, long number, String body) {
        return http.postJson("api/v1/studies/" + study + "/trials/" + number + "/tell", token, body);
    }

    /** A bowl in x, with a little cost per layer, over {@link #SPACE}. */
    static double objective(JsonObject parameters) {
        double x = parameters.getJsonNumber("x").doubleValue();
        return (x - 2) * (x - 2) + parameters.getJsonNumber("layers").doubleValue() / 10;
    }

    /** The study's batch run once it has ended. */
    static JsonObject awaitRun(Http http, String token, String study, long execution, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject run = null;
        while (Instant.now().isBefore(deadline)) {
            run = http.get("api/v1/studies/" + study + "/jobs/" + execution, token)
                    .json();
            if (List.of("COMPLETED", "FAILED", "STOPPED").contains(run.getString("status"))) {
                return run;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("run " + execution + " of " + study + " did not end: " + run);
    }

    static List<JsonObject> trials(Http http, String token, String study) {
        Reply reply = http.get("api/v1/studies/" + study + "/trials?limit=1000", token);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().getJsonArray("trials").getValuesAs(JsonObject.class);
    }
}
