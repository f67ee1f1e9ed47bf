package io.mabeam.foundation.events.control;

import io.mabeam.foundation.events.entity.NewEvent;
import jakarta.json.JsonException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/** What an append must satisfy before it reaches the database: a stream name, a batch size, unique ids, payloads. */
final class AppendChecks {

    private AppendChecks() {}

    /**
     * Checks names, sizes and ids; payloads are parsed only with {@code parsePayloads}, otherwise only
     * checked to look like an object (braces around), and the database judges the rest.
     */
    static void validate(String stream, List<NewEvent> events, boolean parsePayloads) {
        if (stream == null || !EventLog.STREAM_NAME.matcher(stream).matches()) {
            throw new IllegalArgumentException(
                    "a stream name is 1 to 200 letters, digits or . _ : / -, starting with a letter or digit");
        }
        if (events == null || events.isEmpty() || events.size() > EventLog.MAX_BATCH) {
            throw new IllegalArgumentException("an append carries 1 to " + EventLog.MAX_BATCH + " events");
        }
        var ids = new HashSet<UUID>();
        for (NewEvent event : events) {
            if (!ids.add(event.id())) {
                throw new IllegalArgumentException("event id " + event.id() + " appears twice in one append");
            }
            if (!parsePayloads) {
                if (!looksLikeAnObject(event.payload())) {
                    throw new IllegalArgumentException("the payload of event " + event.id() + " is not a JSON object");
                }
                continue;
            }
            try {
                EventReader.JSON.createReader(new StringReader(event.payload())).readObject();
            } catch (JsonException | IllegalStateException e) {
                throw new IllegalArgumentException("the payload of event " + event.id() + " is not a JSON object");
            }
        }
    }

    static boolean looksLikeAnObject(String json) {
        int first = 0;
        int last = json.length() - 1;
        while (first <= last && Character.isWhitespace(json.charAt(first))) {
            first++;
        }
        while (last > first && Character.isWhitespace(json.charAt(last))) {
            last--;
        }
        return first < last && json.charAt(first) == '{' && json.charAt(last) == '}';
    }
}
