package io.mabeam.optimization.entity;

import java.util.Map;

/** A study in a list: its definition and how many trials are in each state. */
public record StudySummary(StudyDefinition definition, Map<TrialState, Long> trialsByState) {

    public long trials() {
        return trialsByState.values().stream().mapToLong(Long::longValue).sum();
    }
}
