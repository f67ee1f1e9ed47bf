package io.mabeam.optimization.control;

import java.util.Optional;

/**
 * A port through which components that evaluate objectives (the Python bridge, say) tell optimization runs
 * whether they know an objective before a run is started with it. Contributed as CDI beans.
 */
public interface ObjectiveCatalog {

    /**
     * Why {@code objective} cannot be evaluated, when it is of this catalog's kind and this catalog does not know
     * it; empty when it does, or when the objective is not of its kind.
     */
    Optional<String> refusal(String objective);

    /** The objective a run of {@code study} evaluates when none is named, if this catalog gives the study one. */
    default Optional<String> defaultFor(String study) {
        return Optional.empty();
    }
}
