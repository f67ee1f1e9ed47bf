package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import jakarta.json.JsonObject;
import java.util.List;

/** Pruners by name, as studies choose them: {@code {"name": "median", "startupTrials": 5}}. */
public final class Pruners {

    public static final List<String> NAMES = List.of("none");

    private Pruners() {}

    /** @throws IllegalArgumentException an unknown pruner or option */
    public static Pruner create(JsonObject spec) {
        String name = spec.getString("name", "none");
        if (name.equals("none")) {
            Samplers.known(spec, java.util.Set.of());
            return new Pruner() {
                @Override
                public boolean shouldPrune(StudyHistory history, Trial trial) {
                    return false;
                }

                @Override
                public String name() {
                    return "none";
                }
            };
        }
        throw new IllegalArgumentException("unknown pruner '" + name + "'; pruners: " + NAMES);
    }
}
