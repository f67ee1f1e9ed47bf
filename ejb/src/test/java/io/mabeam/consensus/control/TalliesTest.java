package io.mabeam.consensus.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.consensus.entity.Ballot;
import io.mabeam.consensus.entity.Decision;
import io.mabeam.consensus.entity.Rule;
import io.mabeam.consensus.entity.Rule.Kind;
import io.mabeam.consensus.entity.Rule.Weighting;
import io.mabeam.consensus.entity.Tally;
import io.mabeam.consensus.entity.Vote;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TalliesTest {

    private static List<Vote> votes(Ballot... ballots) {
        return java.util.stream.IntStream.range(0, ballots.length)
                .mapToObj(i -> Vote.of("a" + i, ballots[i]))
                .toList();
    }

    @Test
    void aMajorityOfTheVotesCastDecidesAndATieIsNotAMajority() {
        Tally tally = Tallies.decide(Rule.majority(), votes(Ballot.YES, Ballot.YES, Ballot.NO, Ballot.ABSTAIN));
        assertThat(tally.decision()).isEqualTo(Decision.ACCEPTED);
        assertThat(tally.quorum()).isEqualTo(3);
        assertThat(Tallies.decide(Rule.majority(), votes(Ballot.YES, Ballot.NO, Ballot.ABSTAIN))
                        .decision())
                .isEqualTo(Decision.REJECTED);
    }

    @Test
    void withoutQuorumNothingIsDecided() {
        Tally tally = Tallies.decide(Rule.majority(), votes(Ballot.YES, Ballot.TIMEOUT, Ballot.TIMEOUT));
        assertThat(tally.decision()).isEqualTo(Decision.NO_QUORUM);
        assertThat(tally.timeout()).isEqualTo(2);
        Rule quorumOfOne = new Rule(Kind.MAJORITY, 0.5, 1, Weighting.EQUAL);
        assertThat(Tallies.decide(quorumOfOne, votes(Ballot.YES, Ballot.TIMEOUT, Ballot.TIMEOUT))
                        .decision())
                .isEqualTo(Decision.ACCEPTED);
    }

    @Test
    void aSupermajorityNeedsItsThreshold() {
        Rule twoThirds = new Rule(Kind.SUPERMAJORITY, Rule.DEFAULT_SUPERMAJORITY, 0, Weighting.EQUAL);
        assertThat(Tallies.decide(twoThirds, votes(Ballot.YES, Ballot.YES, Ballot.NO))
                        .decision())
                .isEqualTo(Decision.ACCEPTED);
        assertThat(Tallies.decide(twoThirds, votes(Ballot.YES, Ballot.YES, Ballot.NO, Ballot.NO))
                        .decision())
                .isEqualTo(Decision.REJECTED);
    }

    @Test
    void unanimityNeedsEveryMembersYes() {
        Rule unanimous = new Rule(Kind.UNANIMOUS, 1, 0, Weighting.EQUAL);
        assertThat(Tallies.decide(unanimous, votes(Ballot.YES, Ballot.YES)).decision())
                .isEqualTo(Decision.ACCEPTED);
        assertThat(Tallies.decide(unanimous, votes(Ballot.YES, Ballot.ABSTAIN)).decision())
                .isEqualTo(Decision.REJECTED);
        assertThat(Tallies.decide(unanimous, votes(Ballot.YES, Ballot.YES, Ballot.TIMEOUT))
                        .decision())
                .isEqualTo(Decision.REJECTED);
    }

    @Test
    void reputationWeighsVotes() {
        Rule weighted = new Rule(Kind.MAJORITY, 0.5, 0, Weighting.REPUTATION);
        List<Vote> votes = List.of(
                new Vote("trusted", Ballot.YES, 0.9, Map.of(), ""),
                new Vote("new-1", Ballot.NO, 0.3, Map.of(), ""),
                new Vote("new-2", Ballot.NO, 0.3, Map.of(), ""));
        assertThat(Tallies.decide(weighted, votes).decision()).isEqualTo(Decision.ACCEPTED);
        assertThat(Tallies.decide(Rule.majority(), votes).decision()).isEqualTo(Decision.REJECTED);
    }

    @Test
    void aMemberVotesOncePerRound() {
        assertThatThrownBy(() ->
                        Tallies.decide(Rule.majority(), List.of(Vote.of("a", Ballot.YES), Vote.of("a", Ballot.NO))))
                .hasMessageContaining("twice");
    }

    @Test
    void rejectedTermsMoveToWhatTheObjectorsWouldAccept() {
        Map<String, Object> terms = Map.of("lr", 0.5, "epochs", 100L, "optimizer", "sgd");
        List<Vote> votes = List.of(
                Vote.of("yes", Ballot.YES),
                new Vote("o1", Ballot.NO, 1, Map.of("lr", 0.1, "epochs", 40L, "optimizer", "adam"), "too fast"),
                new Vote("o2", Ballot.NO, 1, Map.of("lr", 0.2, "epochs", 60L, "optimizer", "adam"), ""),
                new Vote("o3", Ballot.NO, 1, Map.of("lr", 0.3, "unknown", 1), ""));
        assertThat(Negotiation.refine(terms, votes)).hasValue(Map.of("lr", 0.2, "epochs", 50L, "optimizer", "adam"));
        assertThat(Negotiation.refine(terms, votes(Ballot.NO, Ballot.NO))).isEmpty();
    }
}
