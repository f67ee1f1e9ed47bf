package io.mabeam.economics.entity;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.problems.DomainException.Reason;
import java.time.Instant;
import java.util.List;

/**
 * An auction as stored. English auctions have an {@code increment}; Dutch ones a clock ({@code startPrice} falling
 * by {@code decrement} every {@code tickMillis}, never below the reserve). {@code result} is the clearing as JSON
 * once closed.
 *
 * <p>It is also the auction's state machine: open until its deadline or its close, when it takes bids by its kind's
 * rules ({@link #admit}), then closed for good.
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

    /** Open and before its deadline. */
    public boolean takesBids(Instant now) {
        return status == AuctionStatus.OPEN && now.isBefore(closesAt);
    }

    /** @throws BidRefused a conflict unless it {@link #takesBids takes bids} now */
    public void requireOpen(Instant now) {
        if (!takesBids(now)) {
            throw new BidRefused(
                    Reason.CONFLICT,
                    "Auction closed",
                    "auction " + id + " closed at " + (closedAt != null ? closedAt : closesAt)
                            + "; it takes no more bids");
        }
    }

    /** Everyone sees the bids of open-outcry auctions, and of every auction once it is closed. */
    public boolean bidsVisible() {
        return status == AuctionStatus.CLOSED || kind.open();
    }

    /** The first taker ends a Dutch auction. */
    public boolean closesOnBid() {
        return kind == AuctionKind.DUTCH;
    }

    /** The Dutch clock's price while open, else null. */
    public Long clock(Instant now) {
        return kind == AuctionKind.DUTCH && status == AuctionStatus.OPEN ? clockPrice(now) : null;
    }

    /** The least next bid of an open English auction, else null. */
    public Long minimumBid(List<StoredBid> bids) {
        return kind == AuctionKind.ENGLISH && status == AuctionStatus.OPEN ? englishMinimum(bids) : null;
    }

    /** The standing bids a new bid tops and that are refunded: all of them in an English auction, else none. */
    public List<StoredBid> outbidBy(List<StoredBid> standing) {
        return kind == AuctionKind.ENGLISH ? standing : List.of();
    }

    /**
     * The unit prices a bid by {@code bidder} pays when the rules admit it: the clock's price for a Dutch auction
     * (at most {@code unitPrices[0]} if given), else the prices given, which must beat the standing bid by the
     * increment (English) or reach the reserve, one bid per bidder (sealed).
     *
     * @throws DomainException invalid for malformed prices; {@link BidRefused} for a bid the rules refuse
     */
    public List<Long> admit(String bidder, List<Long> unitPrices, List<StoredBid> standing, Instant now) {
        requireOpen(now);
        List<Long> prices = prices(unitPrices, now);
        switch (kind) {
            case ENGLISH -> {
                long minimum = englishMinimum(standing);
                if (prices.get(0) < minimum) {
                    boolean reserveOnly = reserve == minimum;
                    throw new BidRefused(
                            reserveOnly ? Reason.REFUSED : Reason.CONFLICT,
                            reserveOnly ? "Below the reserve" : "Bid too low",
                            "the next bid in auction " + id + " is at least " + Credits.format(minimum) + " credits");
                }
            }
            case DUTCH -> {
                // the first taker wins at once: nothing else stands
            }
            default -> {
                if (standing.stream().anyMatch(b -> b.bidder().equals(bidder))) {
                    throw new BidRefused(Reason.CONFLICT, "Already bid", bidder + " has a sealed bid in auction " + id);
                }
                if (prices.get(0) < reserve) {
                    throw new BidRefused(
                            Reason.REFUSED,
                            "Below the reserve",
                            "the reserve of auction " + id + " is " + Credits.format(reserve) + " credits a unit");
                }
            }
        }
        return prices;
    }

    private List<Long> prices(List<Long> unitPrices, Instant now) {
        if (kind == AuctionKind.DUTCH) {
            long clock = clockPrice(now);
            if (unitPrices != null && unitPrices.size() > 1) {
                throw DomainException.invalid("a Dutch bid takes one unit at the clock's price");
            }
            if (unitPrices != null && !unitPrices.isEmpty() && unitPrices.get(0) < clock) {
                throw new BidRefused(
                        Reason.CONFLICT,
                        "Clock above the bid",
                        "the clock of auction " + id + " is at " + Credits.format(clock)
                                + " credits, above the most this bid pays");
            }
            return List.of(clock);
        }
        if (unitPrices == null || unitPrices.isEmpty()) {
            throw DomainException.invalid("a bid has a price (or unitPrices for a multi-unit auction)");
        }
        if (!kind.multiUnit() && unitPrices.size() != 1) {
            throw DomainException.invalid("a bid in a " + kind.wireName() + " auction has one price");
        }
        if (unitPrices.size() > units) {
            throw DomainException.invalid("a bid asks for at most the " + units + " units on sale");
        }
        for (int k = 0; k < unitPrices.size(); k++) {
            if (unitPrices.get(k) < 0) {
                throw DomainException.invalid("prices are not negative");
            }
            if (k > 0 && unitPrices.get(k) > unitPrices.get(k - 1)) {
                throw DomainException.invalid("marginal prices never rise from one unit to the next");
            }
        }
        return List.copyOf(unitPrices);
    }

    private long englishMinimum(List<StoredBid> bids) {
        Long top = bids.stream()
                .filter(b -> b.status() == BidStatus.STANDING)
                .map(b -> b.unitPrices().get(0))
                .max(Long::compare)
                .orElse(null);
        return englishMinimum(reserve, increment, top);
    }

    /** The least next bid in an English auction: the reserve, or the standing bid plus the increment (at least 1). */
    public static long englishMinimum(long reserve, long increment, Long standing) {
        return standing == null ? reserve : Math.addExact(standing, Math.max(1, increment));
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
