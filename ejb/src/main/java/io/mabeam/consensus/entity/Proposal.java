package io.mabeam.consensus.entity;

import io.mabeam.foundation.problems.DomainException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A proposal put to an electorate of agents. {@code terms} are the current round's; {@code rounds} records each
 * closed round (its terms and tally). A rejected round with counter-proposals starts the next round with refined
 * terms, up to {@code maxRounds}.
 *
 * <p>It is also the proposal's state machine: open in round 1, then each round closes into the {@link #nextRound
 * next round} or a {@link #decided decision} (accepted, rejected or no quorum), which is final.
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

    /** A new proposal, open in round 1 until {@code now} + the round timeout, driven by {@code node}. */
    public static Proposal opened(
            String id,
            String title,
            JsonObject terms,
            Rule rule,
            List<String> electorate,
            Duration roundTimeout,
            int maxRounds,
            String node,
            String createdBy,
            Instant now) {
        return new Proposal(
                id,
                title,
                terms,
                rule,
                electorate,
                roundTimeout,
                maxRounds,
                1,
                ProposalStatus.OPEN,
                now.plus(roundTimeout),
                JsonValue.EMPTY_JSON_ARRAY,
                node,
                createdBy,
                now,
                null);
    }

    /** Open, and in round {@code round}: what closing that round or answering in it needs. */
    public boolean inRound(int number) {
        return status == ProposalStatus.OPEN && round == number;
    }

    /**
     * @throws DomainException a conflict once decided; invalid for an agent outside the electorate
     */
    public void requireVoter(String agent) {
        if (status != ProposalStatus.OPEN) {
            throw DomainException.conflict(
                    "proposal " + id + " was decided (" + status.wireName() + "); it takes no votes");
        }
        if (agent == null || !electorate.contains(agent)) {
            throw DomainException.invalid("agent " + agent + " is not in the electorate of proposal " + id);
        }
    }

    /** The members who have not voted, in electorate order: they time out when the round closes. */
    public List<String> silent(Set<String> voted) {
        return electorate.stream().filter(member -> !voted.contains(member)).toList();
    }

    /** A rejection leads to another round while rounds remain (if the counter-proposals refine the terms). */
    public boolean mayRefine(Decision decision) {
        return decision == Decision.REJECTED && round < maxRounds;
    }

    /** Open → open in the next round with refined terms, driven by {@code node} until {@code now} + the timeout. */
    public Proposal nextRound(JsonObject refined, JsonArray closedRounds, String drivenBy, Instant now) {
        requireOpen();
        return new Proposal(
                id,
                title,
                refined,
                rule,
                electorate,
                roundTimeout,
                maxRounds,
                round + 1,
                ProposalStatus.OPEN,
                now.plus(roundTimeout),
                closedRounds,
                drivenBy,
                createdBy,
                createdAt,
                null);
    }

    /** Open → accepted, rejected or no quorum, for good. */
    public Proposal decided(Decision decision, JsonArray closedRounds, Instant now) {
        requireOpen();
        return new Proposal(
                id,
                title,
                terms,
                rule,
                electorate,
                roundTimeout,
                maxRounds,
                round,
                ProposalStatus.of(decision),
                roundClosesAt,
                closedRounds,
                node,
                createdBy,
                createdAt,
                now);
    }

    private void requireOpen() {
        if (status != ProposalStatus.OPEN) {
            throw new IllegalStateException("proposal " + id + " is " + status.wireName() + " already");
        }
    }
}
