package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;

/** Decides, after a running trial reported an intermediate value, whether to stop it early. */
public interface Pruner {

    /**
     * @param history the study's trials (the running trial among them, as {@code trial})
     * @param trial the running trial, its latest intermediate value last
     */
    boolean shouldPrune(StudyHistory history, Trial trial);

    String name();
}
