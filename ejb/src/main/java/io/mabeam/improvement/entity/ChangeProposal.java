package io.mabeam.improvement.entity;

import io.mabeam.variables.entity.SearchSpace;
import java.util.List;
import java.util.Map;

/**
 * What a coder proposes for a study: a new search space (its edits, each with a reason) for a follow-up study,
 * and trials to run first there (the parent's best, carried over); {@code source} says whether rules or a
 * language model made it.
 */
public record ChangeProposal(
        String study,
        SearchSpace space,
        List<Edit> edits,
        List<Map<String, Object>> enqueue,
        String rationale,
        String source) {

    public ChangeProposal {
        edits = List.copyOf(edits);
        enqueue = List.copyOf(enqueue);
    }

    public String title() {
        return "Change the search space of " + study + ": "
                + String.join(
                        ", ",
                        edits.stream().map(e -> e.action() + " " + e.variable()).toList());
    }
}
