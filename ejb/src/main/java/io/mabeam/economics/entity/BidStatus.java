package io.mabeam.economics.entity;

import java.util.Locale;

public enum BidStatus {
    /** Counts at the close; its total is held in escrow. */
    STANDING,
    /** An English bid another bid topped; refunded. */
    OUTBID,
    WON,
    LOST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
