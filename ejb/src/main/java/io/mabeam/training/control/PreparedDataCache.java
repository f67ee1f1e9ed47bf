package io.mabeam.training.control;

import io.mabeam.foundation.persistence.control.ContentCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Prepared training data by dataset hash and setup, a few per node: a study's trials share one split and one
 * fitted preprocessing instead of preparing them per trial.
 */
@ApplicationScoped
public class PreparedDataCache {

    private final ContentCache<TrainingData> byKey = new ContentCache<>(8);

    public TrainingData get(String datasetSha256, String setupJson, Supplier<TrainingData> prepare) {
        return byKey.get(datasetSha256 + "|" + setupJson, prepare);
    }
}
