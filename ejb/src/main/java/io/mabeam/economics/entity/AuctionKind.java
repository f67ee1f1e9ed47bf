package io.mabeam.economics.entity;

import java.util.Locale;
import java.util.Optional;

/** How an auction takes bids and decides who wins and what they pay. */
public enum AuctionKind {
    /** Open ascending bids, each above the last by the increment; the highest pays its bid at the deadline. */
    ENGLISH(false, true),
    /** A descending clock price; the first bidder to take it wins at that price, at once. */
    DUTCH(false, true),
    /** Sealed bids; the highest pays its own bid. */
    SEALED_FIRST_PRICE(false, false),
    /** Sealed bids; the highest pays the second-highest bid (or the reserve): bidding one's value is dominant. */
    VICKREY(false, false),
    /** Several identical units; sealed marginal bids; every winner pays the highest rejected bid per unit. */
    UNIFORM_PRICE(true, false),
    /** Several identical units; sealed marginal bids; each winner pays the harm it does to the others. */
    VCG(true, false);

    private final boolean multiUnit;
    private final boolean open;

    AuctionKind(boolean multiUnit, boolean open) {
        this.multiUnit = multiUnit;
        this.open = open;
    }

    /** Whether the auction sells several units and takes bids of several marginal prices. */
    public boolean multiUnit() {
        return multiUnit;
    }

    /** Whether bids are seen by everyone as they come (English, Dutch) rather than sealed until the close. */
    public boolean open() {
        return open;
    }

    /** The kind's name in the API: {@code sealed-first-price}, {@code vickrey}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<AuctionKind> fromWire(String name) {
        for (AuctionKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
