package io.mabeam.consensus.entity;

/** The counts and weights of a round's ballots and what they decide. */
public record Tally(
        int yes, int no, int abstain, int timeout, double yesWeight, double noWeight, int quorum, Decision decision) {

    public int answered() {
        return yes + no + abstain;
    }
}
