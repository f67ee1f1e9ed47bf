package io.mabeam.consensus.entity;

import java.util.Locale;
import java.util.Optional;

/**
 * How a round is decided.
 *
 * <ul>
 *   <li>{@code majority}: more yes weight than no weight (abstentions and timeouts do not count either way).
 *   <li>{@code supermajority}: yes weight at least {@code threshold} (default 2/3) of the yes and no weight.
 *   <li>{@code unanimous}: every member of the electorate answered yes.
 * </ul>
 *
 * Weights are 1 per member, or each member's reputation with {@code weighting = reputation}. Whatever the kind,
 * fewer answers (yes, no or abstain) than {@code quorum} members is {@link Decision#NO_QUORUM}.
 *
 * @param quorum members who must answer; 0 means a majority of the electorate
 */
public record Rule(Kind kind, double threshold, int quorum, Weighting weighting) {

    public enum Kind {
        MAJORITY,
        SUPERMAJORITY,
        UNANIMOUS;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> fromWire(String name) {
            for (Kind kind : values()) {
                if (kind.wireName().equals(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    public enum Weighting {
        EQUAL,
        REPUTATION;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Weighting> fromWire(String name) {
            for (Weighting weighting : values()) {
                if (weighting.wireName().equals(name)) {
                    return Optional.of(weighting);
                }
            }
            return Optional.empty();
        }
    }

    public static final double DEFAULT_SUPERMAJORITY = 2.0 / 3.0;

    public Rule {
        if (kind == null || weighting == null) {
            throw new IllegalArgumentException("a rule has a kind and a weighting");
        }
        if (kind == Kind.SUPERMAJORITY && !(threshold > 0.5 && threshold <= 1)) {
            throw new IllegalArgumentException("a supermajority's threshold is above 1/2 and at most 1");
        }
        if (quorum < 0) {
            throw new IllegalArgumentException("a quorum is a number of members, not negative");
        }
    }

    public static Rule majority() {
        return new Rule(Kind.MAJORITY, 0.5, 0, Weighting.EQUAL);
    }

    /** The quorum for an electorate of {@code members}: the rule's, or a majority of them. */
    public int quorumOf(int members) {
        return quorum > 0 ? quorum : members / 2 + 1;
    }
}
