package io.mabeam.models.control;

import io.mabeam.foundation.persistence.control.ContentCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/** Networks loaded for inference on this node, a few by model id (a kept model never changes). */
@ApplicationScoped
public class LoadedModels {

    private final ContentCache<Predictor> byId = new ContentCache<>(16);

    public Predictor get(String id, Supplier<Predictor> load) {
        return byId.get(id, load);
    }

    public void forget(String id) {
        byId.remove(id);
    }
}
