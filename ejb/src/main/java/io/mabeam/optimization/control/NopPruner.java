package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;

/** Never prunes: every trial runs to its end (the choice {@code none}). */
public final class NopPruner implements Pruner {

    @Override
    public boolean shouldPrune(StudyHistory history, Trial trial) {
        return false;
    }

    @Override
    public String name() {
        return "none";
    }
}
