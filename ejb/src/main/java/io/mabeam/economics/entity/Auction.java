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
        return io.mabeam.economics.control.AuctionRules.dutchPrice(
                startPrice, decrement, tickMillis, reserve, now.toEpochMilli() - openedAt.toEpochMilli());
    }
}
