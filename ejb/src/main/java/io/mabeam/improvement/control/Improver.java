package io.mabeam.improvement.control;

import io.mabeam.improvement.entity.CoderSettings;
import jakarta.json.JsonObject;

/** What a coder agent works through: the platform's proposals of changes to studies. */
public interface Improver {

    /**
     * Proposes a change to a study on behalf of {@code coder} and puts it to the reviewers.
     *
     * @return the improvement as JSON, or {@code {"proposed": false, "reason": …}} when there is nothing to propose
     */
    JsonObject propose(String coder, CoderSettings settings);

    /** How many trials of the study are complete now. */
    long completeTrials(String study);
}
