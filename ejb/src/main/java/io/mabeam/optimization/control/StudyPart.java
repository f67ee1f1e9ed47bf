package io.mabeam.optimization.control;

import io.mabeam.optimization.entity.Direction;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.function.Consumer;

/**
 * A port through which a component keeps a part of a study that is given when the study is created (a training
 * setup, say, under {@code "training"}), without optimization knowing it. Contributed as CDI beans.
 */
public interface StudyPart {

    /** The field of a create-study body that holds this part. */
    String field();

    /**
     * Checks the part before the study exists, so bad input changes nothing, and returns what attaches it to the
     * study once that is created (called with the study's name).
     *
     * @throws io.mabeam.foundation.problems.DomainException 400 for a part that is not valid for such a study
     */
    Consumer<String> prepare(List<Direction> directions, JsonObject part);
}
