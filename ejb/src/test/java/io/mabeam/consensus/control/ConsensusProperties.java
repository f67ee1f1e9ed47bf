package io.mabeam.consensus.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.consensus.entity.Ballot;
import io.mabeam.consensus.entity.Decision;
import io.mabeam.consensus.entity.Rule;
import io.mabeam.consensus.entity.Tally;
import io.mabeam.consensus.entity.Vote;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ConsensusProperties {

    @Provide
    Arbitrary<Rule> rules() {
        return Combinators.combine(
                        Arbitraries.of(Rule.Kind.values()),
                        Arbitraries.doubles().between(0.51, 1.0),
                        Arbitraries.integers().between(0, 8),
                        Arbitraries.of(Rule.Weighting.values()))
                .as(Rule::new);
    }

    @Provide
    Arbitrary<List<Vote>> electorates() {
        Arbitrary<Vote> vote = Combinators.combine(
                        Arbitraries.of(Ballot.values()),
                        Arbitraries.doubles().between(0, 1).ofScale(3))
                .as((ballot, weight) -> new Vote("x", ballot, weight, Map.of(), ""));
        return vote.list().ofMinSize(0).ofMaxSize(9).map(list -> {
            List<Vote> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Vote v = list.get(i);
                named.add(new Vote("agent-" + i, v.ballot(), v.weight(), Map.of(), ""));
            }
            return named;
        });
    }

    @Property(tries = 500)
    void theDecisionIsAFunctionOfTheVotesAndTheRuleAlone(
            @ForAll("rules") Rule rule, @ForAll("electorates") List<Vote> votes, @ForAll long seed) {
        List<Vote> shuffled = new ArrayList<>(votes);
        Collections.shuffle(shuffled, new Random(seed));
        Tally tally = Tallies.decide(rule, votes);
        assertThat(Tallies.decide(rule, shuffled)).isEqualTo(tally);
        assertThat(Tallies.decide(rule, List.copyOf(votes))).isEqualTo(tally);
    }

    @Property(tries = 500)
    void aTimedOutMemberNeverCountsAsAYes(@ForAll("rules") Rule rule, @ForAll("electorates") List<Vote> votes) {
        Tally tally = Tallies.decide(rule, votes);
        // answering yes instead of timing out never makes the outcome worse ...
        for (int i = 0; i < votes.size(); i++) {
            if (votes.get(i).ballot() == Ballot.TIMEOUT) {
                List<Vote> answered = new ArrayList<>(votes);
                Vote v = votes.get(i);
                answered.set(i, new Vote(v.agent(), Ballot.YES, v.weight(), Map.of(), ""));
                if (tally.decision() == Decision.ACCEPTED) {
                    assertThat(Tallies.decide(rule, answered).decision()).isEqualTo(Decision.ACCEPTED);
                }
            }
        }
        // ... and the yes count is the members that said yes, nothing else
        assertThat(tally.yes()).isEqualTo((int)
                votes.stream().filter(v -> v.ballot() == Ballot.YES).count());
        // an electorate that did not answer decides nothing
        List<Vote> silent =
                votes.stream().map(v -> Vote.timedOut(v.agent(), v.weight())).toList();
        assertThat(Tallies.decide(rule, silent).decision()).isNotEqualTo(Decision.ACCEPTED);
    }

    @Property(tries = 500)
    void noDecisionWithoutQuorum(@ForAll("rules") Rule rule, @ForAll("electorates") List<Vote> votes) {
        Tally tally = Tallies.decide(rule, votes);
        long answered = votes.stream().filter(v -> v.ballot().answered()).count();
        assertThat(tally.decision() == Decision.NO_QUORUM).isEqualTo(answered < rule.quorumOf(votes.size()));
        if (tally.decision() == Decision.ACCEPTED) {
            assertThat(tally.yes()).isPositive();
        }
    }
}
