package io.mabeam.foundation.events.control;

import io.mabeam.foundation.events.entity.VectorClock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The last event this JVM appended to each recently used stream: its version, id and clock. With it an
 * append that expects exactly that version needs neither a lock nor a read, only an insert guarded by
 * the existence of that very event (its id), so a stale entry (another node appended since, or our
 * transaction rolled back) only costs falling back to the full append. Bounded, least recently used out.
 */
final class StreamHeads {

    record Head(long version, UUID eventId, VectorClock clock) {}

    private final Map<String, Head> heads;

    StreamHeads(int capacity) {
        this.heads = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Head> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Head get(String stream) {
        return heads.get(stream);
    }

    synchronized void put(String stream, Head head) {
        heads.put(stream, head);
    }

    synchronized void forget(String stream) {
        heads.remove(stream);
    }
}
