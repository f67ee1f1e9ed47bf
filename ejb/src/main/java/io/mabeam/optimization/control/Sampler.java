package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Suggestion;

/**
 * Chooses the parameters of a new trial. A sampler is built for one study with the study's seed and
 * answers from the history alone, so any node can ask and the same history and number give the same
 * answer (no state survives between asks except what it records in the trial's system attributes).
 */
public interface Sampler {

    /**
     * @param history every trial so far (running ones included: they are where others are looking)
     * @param number the new trial's number
     */
    Suggestion suggest(StudyHistory history, long number);

    /** The sampler's name as users choose it ({@code tpe}, {@code cmaes}, …). */
    String name();
}
