package io.mabeam.consensus.entity;

import java.util.Locale;
import java.util.Optional;

/** What one member of the electorate answered in a round, or that it did not answer in time. */
public enum Ballot {
    YES,
    NO,
    ABSTAIN,
    /** No valid answer before the round's deadline: never a yes, and it does not count towards the quorum. */
    TIMEOUT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The ballots an agent or a client may cast (a timeout is only ever recorded by the platform). */
    public static Optional<Ballot> castable(String name) {
        for (Ballot ballot : values()) {
            if (ballot != TIMEOUT && ballot.wireName().equals(name)) {
                return Optional.of(ballot);
            }
        }
        return Optional.empty();
    }

    /** Whether the member took part: yes, no and abstain count towards the quorum, a timeout does not. */
    public boolean answered() {
        return this != TIMEOUT;
    }
}
