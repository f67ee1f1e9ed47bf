package io.mabeam.foundation.api.boundary;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Builds RFC 9457 {@code application/problem+json} bodies and responses, the one error format of the API. */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemResponses() {}

    public static JsonObject body(int status, String title, String detail, String instance) {
        return body(status, title, detail, instance, Map.of());
    }

    public static JsonObject body(
            int status, String title, String detail, String instance, Map<String, Object> extras) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status);
        if (detail != null && !detail.isBlank()) {
            json.add("detail", detail);
        }
        if (instance != null) {
            json.add("instance", instance);
        }
        extras.forEach((key, value) -> json.add(key, Json.createValue(String.valueOf(value))));
        return json.build();
    }

    public static Response response(int status, String title, String detail, String instance) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(body(status, title, detail, instance).toString())
                .build();
    }

    /** The standard reason phrase of a status, used as the title where nothing better is known. */
    public static String titleOf(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return status == 413 ? "Content Too Large" : status == 422 ? "Unprocessable Content" : "Error";
    }
}
