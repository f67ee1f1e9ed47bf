package io.mabeam.economics.entity;

/** What an auction gives one winner: units, and what it pays for all of them, in micro-credits. */
public record Award(String bidder, int units, long payment) {

    public Award {
        if (units < 1 || payment < 0) {
            throw new IllegalArgumentException("an award is of at least one unit and a payment not below 0");
        }
    }
}
