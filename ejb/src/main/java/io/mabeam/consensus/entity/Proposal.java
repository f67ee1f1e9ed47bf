package io.mabeam.consensus.entity;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A proposal put to an electorate of agents. {@code terms} are the current round's; {@code rounds} records each
 * closed round (its terms and tally). A rejected round with counter-proposals starts the next round with refined
 * terms, up to {@code maxRounds}.
 */
public record Proposal(
        String id,
        String title,
        JsonObject terms,
        Rule rule,
        List<String> electorate,
        Duration roundTimeout,
        int maxRounds,
        int round,
        ProposalStatus status,
        Instant roundClosesAt,
        JsonArray rounds,
        String node,
        String createdBy,
        Instant createdAt,
        Instant decidedAt) {

    public Proposal {
        electorate = List.copyOf(electorate);
    }
}
