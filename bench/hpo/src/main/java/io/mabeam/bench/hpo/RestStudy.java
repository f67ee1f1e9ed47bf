package io.mabeam.bench.hpo;

import io.mabeam.optimization.control.TrialJson;
import io.mabeam.variables.control.SearchSpaceJson;
import io.mabeam.variables.entity.SearchSpace;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** A study on a MABEAM node driven over REST, as a client in any language would: create, ask, tell. */
final class RestStudy {

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI base;
    private final String authorization;
    private final String name;
    private final SearchSpace space;

    RestStudy(URI base, String token, String name, SearchSpace space, int objectives, String sampler, long seed) {
        this.base = base;
        this.authorization = "Bearer " + token;
        this.name = name;
        this.space = space;
        String directions = Arrays.stream(new String[objectives]).map(d -> "\"minimize\"").collect(Collectors.joining(","));
        post("api/v1/studies", "{\"name\":\"%s\",\"directions\":[%s],\"searchSpace\":%s,\"sampler\":{\"name\":\"%s\"},\"seed\":%d}"
                .formatted(name, directions, SearchSpaceJson.json(space), sampler, seed), 201);
    }

    /** Asks for a trial: its number and parameters. */
    Map.Entry<Long, Map<String, Object>> ask() {
        JsonObject trial = post("api/v1/studies/" + name + "/trials", "{}", 201);
        return Map.entry(trial.getJsonNumber("number").longValue(), TrialJson.parameters(space, trial.getJsonObject("parameters")));
    }

    void tell(long number, double[] values) {
        String list = Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
        post("api/v1/studies/" + name + "/trials/" + number + "/tell", "{\"values\":[" + list + "]}", 200);
    }

    private JsonObject post(String path, String body, int expected) {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(base.resolve(path))
                            .header("Authorization", authorization)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return Json.createReader(new StringReader(response.body())).readObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
