package io.mabeam.consensus.control;

import io.mabeam.consensus.entity.Ballot;
import io.mabeam.consensus.entity.Decision;
import io.mabeam.consensus.entity.Rule;
import io.mabeam.consensus.entity.Tally;
import io.mabeam.consensus.entity.Vote;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Decides a round from its votes and its rule: a pure function, the same on every node. */
public final class Tallies {

    /** Slack for comparing sums of reputation weights that are equal on paper. */
    private static final double EPSILON = 1e-9;

    private Tallies() {}

    /**
     * @param votes one per member of the electorate: members that did not answer are {@link Ballot#TIMEOUT}
     * @throws IllegalArgumentException a member votes twice
     */
    public static Tally decide(Rule rule, Collection<Vote> votes) {
        Set<String> members = new HashSet<>();
        int yes = 0;
        int no = 0;
        int abstain = 0;
        int timeout = 0;
        // sums in a fixed order (by agent) so the weights, and so the decision, do not depend on arrival order
        double yesWeight = votes.stream()
                .filter(v -> v.ballot() == Ballot.YES)
                .sorted(java.util.Comparator.comparing(Vote::agent))
                .mapToDouble(v -> weight(rule, v))
                .sum();
        double noWeight = votes.stream()
                .filter(v -> v.ballot() == Ballot.NO)
                .sorted(java.util.Comparator.comparing(Vote::agent))
                .mapToDouble(v -> weight(rule, v))
                .sum();
        for (Vote vote : votes) {
            if (!members.add(vote.agent())) {
                throw new IllegalArgumentException("agent " + vote.agent() + " voted twice in one round");
            }
            switch (vote.ballot()) {
                case YES -> yes++;
                case NO -> no++;
                case ABSTAIN -> abstain++;
                case TIMEOUT -> timeout++;
            }
        }
        int quorum = rule.quorumOf(votes.size());
        Decision decision;
        if (yes + no + abstain < quorum) {
            decision = Decision.NO_QUORUM;
        } else {
            boolean accepted = switch (rule.kind()) {
                case MAJORITY -> yesWeight > noWeight + EPSILON;
                case SUPERMAJORITY -> yesWeight > 0 && yesWeight + EPSILON >= rule.threshold() * (yesWeight + noWeight);
                case UNANIMOUS -> !votes.isEmpty() && yes == votes.size();
            };
            decision = accepted ? Decision.ACCEPTED : Decision.REJECTED;
        }
        return new Tally(yes, no, abstain, timeout, yesWeight, noWeight, quorum, decision);
    }

    private static double weight(Rule rule, Vote vote) {
        return rule.weighting() == Rule.Weighting.EQUAL ? 1 : vote.weight();
    }
}
