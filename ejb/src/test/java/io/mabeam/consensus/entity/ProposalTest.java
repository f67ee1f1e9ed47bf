package io.mabeam.consensus.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.problems.DomainException.Reason;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The proposal's state machine: open round by round, then decided for good. */
class ProposalTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final JsonObject TERMS =
            Json.createObjectBuilder().add("lr", 0.1).build();
    private static final JsonArray ROUNDS = Json.createArrayBuilder()
            .add(Json.createObjectBuilder().add("round", 1))
            .build();

    private static Proposal opened(int maxRounds) {
        return Proposal.opened(
                "p1",
                "learning rate",
                TERMS,
                Rule.majority(),
                List.of("a", "b", "c"),
                Duration.ofSeconds(30),
                maxRounds,
                "node-1",
                "admin",
                NOW);
    }

    private static Reason reasonOf(Runnable action) {
        try {
            action.run();
        } catch (DomainException e) {
            return e.reason();
        }
        throw new AssertionError("allowed");
    }

    @Test
    void aNewProposalIsOpenInRoundOneUntilItsTimeout() {
        Proposal proposal = opened(3);
        assertThat(proposal.status()).isEqualTo(ProposalStatus.OPEN);
        assertThat(proposal.round()).isEqualTo(1);
        assertThat(proposal.roundClosesAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(proposal.rounds()).isEmpty();
        assertThat(proposal.inRound(1)).isTrue();
        assertThat(proposal.inRound(2)).isFalse();
    }

    @Test
    void onlyTheElectorateVotesAndOnlyWhileOpen() {
        Proposal proposal = opened(3);
        proposal.requireVoter("b");
        assertThat(reasonOf(() -> proposal.requireVoter("z"))).isEqualTo(Reason.INVALID);
        assertThat(reasonOf(() -> proposal.requireVoter(null))).isEqualTo(Reason.INVALID);
        Proposal accepted = proposal.decided(Decision.ACCEPTED, ROUNDS, NOW);
        assertThat(reasonOf(() -> accepted.requireVoter("b"))).isEqualTo(Reason.CONFLICT);
    }

    @Test
    void theSilentAreTheMembersWithoutAVoteInElectorateOrder() {
        assertThat(opened(3).silent(Set.of("b"))).containsExactly("a", "c");
        assertThat(opened(3).silent(Set.of("a", "b", "c"))).isEmpty();
    }

    @Test
    void aRejectionLeadsToAnotherRoundWhileRoundsRemain() {
        Proposal first = opened(2);
        assertThat(first.mayRefine(Decision.REJECTED)).isTrue();
        assertThat(first.mayRefine(Decision.ACCEPTED)).isFalse();
        assertThat(first.mayRefine(Decision.NO_QUORUM)).isFalse();

        JsonObject refined = Json.createObjectBuilder().add("lr", 0.05).build();
        Proposal second = first.nextRound(refined, ROUNDS, "node-2", NOW.plusSeconds(30));
        assertThat(second.round()).isEqualTo(2);
        assertThat(second.status()).isEqualTo(ProposalStatus.OPEN);
        assertThat(second.terms()).isEqualTo(refined);
        assertThat(second.node()).isEqualTo("node-2");
        assertThat(second.roundClosesAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(second.rounds()).isEqualTo(ROUNDS);
        assertThat(second.inRound(1)).isFalse();
        assertThat(second.mayRefine(Decision.REJECTED)).isFalse();
    }

    @Test
    void aDecisionIsFinal() {
        Proposal decided = opened(3).decided(Decision.NO_QUORUM, ROUNDS, NOW.plusSeconds(31));
        assertThat(decided.status()).isEqualTo(ProposalStatus.NO_QUORUM);
        assertThat(decided.decidedAt()).isEqualTo(NOW.plusSeconds(31));
        assertThat(decided.terms()).isEqualTo(TERMS);
        assertThat(decided.inRound(1)).isFalse();
        assertThatThrownBy(() -> decided.decided(Decision.ACCEPTED, ROUNDS, NOW))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> decided.nextRound(TERMS, ROUNDS, "n", NOW)).isInstanceOf(IllegalStateException.class);
    }
}
