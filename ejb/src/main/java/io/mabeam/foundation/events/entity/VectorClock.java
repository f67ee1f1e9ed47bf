package io.mabeam.foundation.events.entity;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A vector clock over the nodes that wrote: each node's count of the events it stamped. Clocks are
 * immutable; {@link #tick} and {@link #merge} return new ones. Nodes with a count of zero are left out, so
 * equal histories have equal clocks.
 */
public record VectorClock(SortedMap<String, Long> counters) {

    private static final VectorClock EMPTY = new VectorClock(new TreeMap<>());
    /** Looked up once: {@code Json.create…} runs a service-loader lookup on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public VectorClock {
        TreeMap<String, Long> copy = new TreeMap<>();
        counters.forEach((node, count) -> {
            if (node == null || node.isBlank()) {
                throw new IllegalArgumentException("a vector clock names its nodes");
            }
            if (count == null || count < 0) {
                throw new IllegalArgumentException("a vector clock counts from zero up, not " + count);
            }
            if (count > 0) {
                copy.put(node, count);
            }
        });
        counters = Collections.unmodifiableSortedMap(copy);
    }

    public static VectorClock empty() {
        return EMPTY;
    }

    public static VectorClock of(Map<String, Long> counters) {
        return new VectorClock(new TreeMap<>(counters));
    }

    public long get(String node) {
        return counters.getOrDefault(node, 0L);
    }

    /** This clock after {@code node} stamped one more event. */
    public VectorClock tick(String node) {
        TreeMap<String, Long> next = new TreeMap<>(counters);
        next.merge(node, 1L, Long::sum);
        return new VectorClock(next);
    }

    /** The least clock that is at or after both: the pointwise maximum. */
    public VectorClock merge(VectorClock other) {
        TreeMap<String, Long> merged = new TreeMap<>(counters);
        other.counters.forEach((node, count) -> merged.merge(node, count, Math::max));
        return new VectorClock(merged);
    }

    public Causality compareTo(VectorClock other) {
        boolean someLess = false;
        boolean someGreater = false;
        TreeMap<String, Long> nodes = new TreeMap<>(counters);
        other.counters.keySet().forEach(node -> nodes.putIfAbsent(node, 0L));
        for (String node : nodes.keySet()) {
            long mine = get(node);
            long theirs = other.get(node);
            someLess |= mine < theirs;
            someGreater |= mine > theirs;
        }
        if (someLess && someGreater) {
            return Causality.CONCURRENT;
        }
        return someLess ? Causality.BEFORE : someGreater ? Causality.AFTER : Causality.EQUAL;
    }

    public boolean happenedBefore(VectorClock other) {
        return compareTo(other) == Causality.BEFORE;
    }

    public boolean isConcurrentWith(VectorClock other) {
        return compareTo(other) == Causality.CONCURRENT;
    }

    /** {@code {"node-1":3,"node-2":1}}, the form stored with every event. */
    public String toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        counters.forEach(json::add);
        return json.build().toString();
    }

    public static VectorClock fromJson(String json) {
        JsonObject object = JSON.createReader(new StringReader(json)).readObject();
        TreeMap<String, Long> counters = new TreeMap<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            if (!(entry.getValue() instanceof JsonNumber number) || !number.isIntegral()) {
                throw new IllegalArgumentException("a vector clock counts with whole numbers: " + entry);
            }
            counters.put(entry.getKey(), number.longValueExact());
        }
        return new VectorClock(counters);
    }
}
