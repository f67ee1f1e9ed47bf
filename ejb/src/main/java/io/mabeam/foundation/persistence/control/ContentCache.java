package io.mabeam.foundation.persistence.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A small least-recently-used cache of values derived from stored content, keyed by something that names the
 * content exactly (a hash): an entry can never be stale, only evicted. Two threads missing the same key may
 * both compute it; the values are equal, so the later one simply wins.
 */
public final class ContentCache<V> {

    private final Map<String, V> entries;

    public ContentCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a cache holds at least one entry");
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    public V get(String key, Supplier<V> compute) {
        synchronized (entries) {
            V cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        V computed = compute.get();
        synchronized (entries) {
            entries.put(key, computed);
        }
        return computed;
    }

    public void remove(String key) {
        synchronized (entries) {
            entries.remove(key);
        }
    }
}
