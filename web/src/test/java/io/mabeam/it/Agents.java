package io.mabeam.it;

import io.mabeam.it.Http.Reply;

/** Agents for the ITs, started over the REST API. */
final class Agents {

    private Agents() {}

    /** Starts an agent of that type and config (a JSON object) under that id. */
    static Reply spawn(Http http, String token, String id, String type, String config) {
        return http.postJson(
                "api/v1/agents", token, "{\"id\":\"%s\",\"type\":\"%s\",\"config\":%s}".formatted(id, type, config));
    }
}
