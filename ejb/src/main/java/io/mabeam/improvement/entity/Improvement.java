package io.mabeam.improvement.entity;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * A change a coder proposed for a study, and what became of it: {@code proposed} (the reviewers are voting),
 * {@code accepted}, {@code rejected}, {@code applied} (its follow-up study runs) or {@code failed} (accepted, but
 * the follow-up could not start: {@code detail} says why).
 *
 * @param sequence the how-manieth improvement of its study (the follow-up is {@code <study>-r<sequence>})
 * @param change the proposal as JSON: {@code space}, {@code edits}, {@code enqueue}, {@code rationale},
 *     {@code source}, {@code followUp}
 */
public record Improvement(
        String id,
        String study,
        int sequence,
        String coder,
        String source,
        String status,
        String proposalId,
        JsonObject change,
        String followUp,
        Long followUpExecution,
        String detail,
        Instant createdAt,
        Instant decidedAt) {

    public static final String PROPOSED = "proposed";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String APPLIED = "applied";
    public static final String FAILED = "failed";

    public static String stream(String id) {
        return "improvement:" + id;
    }

    public String followUpName() {
        return study + "-r" + sequence;
    }
}
