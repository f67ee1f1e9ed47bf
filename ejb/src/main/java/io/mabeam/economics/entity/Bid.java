package io.mabeam.economics.entity;

import java.util.List;

/**
 * A bid: the prices a bidder offers for one more unit each (its marginal bids, never rising), in micro-credits.
 * A single-item bid has one price. {@code sequence} orders bids by arrival: among equal prices the earlier wins.
 */
public record Bid(String bidder, List<Long> unitPrices, long sequence) {

    public Bid {
        if (bidder == null || bidder.isBlank()) {
            throw new IllegalArgumentException("a bid names its bidder");
        }
        unitPrices = List.copyOf(unitPrices);
        if (unitPrices.isEmpty()) {
            throw new IllegalArgumentException("a bid offers at least one price");
        }
        for (int k = 0; k < unitPrices.size(); k++) {
            if (unitPrices.get(k) < 0) {
                throw new IllegalArgumentException("a bid's prices are not negative");
            }
            if (k > 0 && unitPrices.get(k) > unitPrices.get(k - 1)) {
                throw new IllegalArgumentException("a bid's marginal prices never rise from one unit to the next");
            }
        }
    }

    public static Bid single(String bidder, long price, long sequence) {
        return new Bid(bidder, List.of(price), sequence);
    }

    /** The first unit's price: the whole bid of a single-item auction. */
    public long price() {
        return unitPrices.get(0);
    }

    /** What the bidder would pay at most if it won every unit it bids for. */
    public long total() {
        long total = 0;
        for (long price : unitPrices) {
            total = Math.addExact(total, price);
        }
        return total;
    }
}
