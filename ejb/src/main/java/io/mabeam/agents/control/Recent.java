package io.mabeam.agents.control;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The last {@code capacity} keys put, with their values; older ones are forgotten. */
final class Recent<V> {

    private final int capacity;
    private final Map<String, V> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();

    Recent(int capacity) {
        this.capacity = capacity;
    }

    boolean contains(String key) {
        return entries.containsKey(key);
    }

    Optional<V> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    void put(String key, V value) {
        if (entries.put(key, value) == null) {
            order.add(key);
            while (entries.size() > capacity) {
                String oldest = order.poll();
                if (oldest == null) {
                    break;
                }
                entries.remove(oldest);
            }
        }
    }
}
