package io.mabeam.datasets.control;

import io.mabeam.datasets.entity.Table;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Parsed tables by content hash, a few per node: every trial of a study trains on the same data, which is
 * read from the database and parsed once rather than per trial. A hash names one content forever, so an
 * entry is never stale.
 */
@ApplicationScoped
public class TableCache {

    private static final int CAPACITY = 8;

    private final Map<String, Table> bySha = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Table> eldest) {
            return size() > CAPACITY;
        }
    };

    public Table get(String sha256, Supplier<Table> parse) {
        synchronized (bySha) {
            Table cached = bySha.get(sha256);
            if (cached != null) {
                return cached;
            }
        }
        Table parsed = parse.get();
        synchronized (bySha) {
            bySha.put(sha256, parsed);
        }
        return parsed;
    }
}
