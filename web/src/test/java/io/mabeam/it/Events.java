package io.mabeam.it;

import static io.mabeam.it.SharedNode.ADMIN;

import io.mabeam.it.Http.Reply;
import java.net.http.HttpRequest;

/** Appends to the node's event store for the ITs, as the admin, under the correlation id {@code it-correlation}. */
final class Events {

    private Events() {}

    /** Appends {@code json} (an event or an array of them), with a precondition header if it is not null. */
    static Reply append(Http http, String stream, String precondition, String value, String json) {
        HttpRequest.Builder request = http.request("api/v1/events/streams/" + stream)
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .header("X-Correlation-Id", "it-correlation");
        if (precondition != null) {
            request.header(precondition, value);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }
}
