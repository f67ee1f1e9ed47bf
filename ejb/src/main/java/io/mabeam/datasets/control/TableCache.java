package io.mabeam.datasets.control;

import io.mabeam.datasets.entity.Table;
import io.mabeam.foundation.persistence.control.ContentCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Parsed tables by content hash, a few per node: every trial of a study trains on the same data, which is read
 * from the database and parsed once rather than per trial.
 */
@ApplicationScoped
public class TableCache {

    private final ContentCache<Table> bySha = new ContentCache<>(8);

    public Table get(String sha256, Supplier<Table> parse) {
        return bySha.get(sha256, parse);
    }
}
