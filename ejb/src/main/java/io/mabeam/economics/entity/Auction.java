package io.mabeam.economics.entity;

import java.time.Instant;

/**
 * An auction as stored. English auctions have an {@code increment}; Dutch ones a clock ({@code startPrice} falling
 * by {@code decrement} every {@code tickMillis}, never below the reserve). {@code result} is the clearing as JSON
 * once closed.
 */
public record Auction(
        String id,
        AuctionKind kind,
        String item,
        int units,
        long reserve,
        Long increment,
        Long startPrice,
        Long decrement,
        Long tickMillis,
        String seller,
        AuctionStatus status,
        Instant openedAt,
        Instant closesAt,
        Instant closedAt,
        String closedBy,
        String result,
        String node,
        String createdBy) {

    public String escrowAccount() {
        return "escrow:auction:" + id;
    }

    /** The Dutch clock's price at {@code now}. */
    public long clockPrice(Instant now) {
        return dutchPrice(startPrice, decrement, tickMillis, reserve, now.toEpochMilli() - openedAt.toEpochMilli());
    }

    /**
     * A Dutch clock's price {@code elapsedMillis} after it started: the start price less one decrement per full
     * interval, never below the floor (the reserve).
     */
    public static long dutchPrice(long start, long decrement, long intervalMillis, long floor, long elapsedMillis) {
        if (intervalMillis < 1) {
            throw new IllegalArgumentException("a Dutch clock ticks at least every millisecond");
        }
        long ticks = Math.max(0, elapsedMillis) / intervalMillis;
        long drop = ticks > 0 && decrement > Long.MAX_VALUE / ticks ? Long.MAX_VALUE : decrement * ticks;
        return Math.max(floor, start - Math.min(drop, start));
    }
}
