package io.mabeam.consensus.entity;

import java.util.Map;

/**
 * One member's vote in one round: its ballot, its weight under the rule (1, or its reputation), and with a no the
 * terms it would accept instead ({@code counter}, possibly empty) that the next round's proposal is refined towards.
 */
public record Vote(String agent, Ballot ballot, double weight, Map<String, Object> counter, String reason) {

    public Vote {
        if (agent == null || agent.isBlank() || ballot == null) {
            throw new IllegalArgumentException("a vote names its agent and ballot");
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("a vote's weight is a finite number, not negative");
        }
        counter = counter == null ? Map.of() : Map.copyOf(counter);
        reason = reason == null ? "" : reason;
    }

    public static Vote of(String agent, Ballot ballot) {
        return new Vote(agent, ballot, 1, Map.of(), "");
    }

    public static Vote timedOut(String agent, double weight) {
        return new Vote(agent, Ballot.TIMEOUT, weight, Map.of(), "no answer before the deadline");
    }
}
