package io.mabeam.economics.entity;

import java.time.Instant;
import java.util.List;

/** A bid as stored, with what it holds in escrow and where it stands. */
public record StoredBid(
        String auction,
        long sequence,
        String bidder,
        List<Long> unitPrices,
        long total,
        BidStatus status,
        Instant placedAt) {

    public Bid bid() {
        return new Bid(bidder, unitPrices, sequence);
    }
}
