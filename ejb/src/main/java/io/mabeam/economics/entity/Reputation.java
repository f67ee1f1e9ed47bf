package io.mabeam.economics.entity;

import java.time.Instant;

/**
 * An agent's reputation: the mean of its recorded outcomes (0 to 1), each weighted by 2^(-age / half-life), with a
 * prior of one outcome of 1/2 so that an agent without history stands at 1/2 and a few outcomes move it only
 * part of the way. {@code evidence} is the outcomes' total weight (how much the score rests on).
 */
public record Reputation(String agent, double score, long outcomes, double evidence, Instant lastOutcome) {

    public static Reputation unknown(String agent) {
        return new Reputation(agent, 0.5, 0, 0, null);
    }
}
