package io.mabeam.economics.control;

import io.mabeam.economics.entity.AuctionKind;
import io.mabeam.economics.entity.Award;
import io.mabeam.economics.entity.Bid;
import io.mabeam.economics.entity.Clearing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who wins an auction and what each winner pays, from the bids standing when it closes. Plain arithmetic on
 * micro-credits ({@code long}), so payments are exact and the same on every node.
 *
 * <ul>
 *   <li>Single item — English (the final, highest bid), sealed first price and Dutch (the bid that took the
 *       clock price): the highest bid at or above the reserve wins and pays itself; among equal bids the earliest.
 *   <li>Vickrey: the same winner pays the highest other bid, or the reserve if that is higher.
 *   <li>Uniform price (k units): the k highest marginal bids at or above the reserve win; every unit costs the
 *       highest rejected marginal bid, or the reserve if that is higher.
 *   <li>VCG (k units): the same efficient allocation; each winner pays the value its units would have had for the
 *       others — the welfare of everyone else (the seller's unsold units counted at the reserve) without it, less
 *       their welfare with it. With one unit this is Vickrey's payment.
 * </ul>
 */
public final class AuctionRules {

    private AuctionRules() {}

    /** One unit a bidder bids for: the k-th of its marginal prices. */
    private record Marginal(String bidder, long price, long sequence, int unit) {}

    private static final Comparator<Marginal> BEST_FIRST = Comparator.comparingLong(Marginal::price)
            .reversed()
            .thenComparingLong(Marginal::sequence)
            .thenComparingInt(Marginal::unit);

    /**
     * @param units units on sale (1 for the single-item kinds)
     * @param reserve the lowest price a unit sells at
     * @param bids one bid per bidder
     * @throws IllegalArgumentException a bidder bids twice, a single-item auction gets a multi-unit bid, or a
     *     count is out of range
     */
    public static Clearing clear(AuctionKind kind, int units, long reserve, List<Bid> bids) {
        if (units < 1) {
            throw new IllegalArgumentException("an auction sells at least one unit");
        }
        if (!kind.multiUnit() && units != 1) {
            throw new IllegalArgumentException("a " + kind.wireName() + " auction sells one item");
        }
        if (reserve < 0) {
            throw new IllegalArgumentException("a reserve price is not negative");
        }
        Set<String> bidders = new HashSet<>();
        for (Bid bid : bids) {
            if (!bidders.add(bid.bidder())) {
                throw new IllegalArgumentException("bidder " + bid.bidder() + " has two bids");
            }
            if (!kind.multiUnit() && bid.unitPrices().size() != 1) {
                throw new IllegalArgumentException("a bid in a " + kind.wireName() + " auction has one price");
            }
        }
        return switch (kind) {
            case ENGLISH, SEALED_FIRST_PRICE -> payOwnBid(reserve, bids);
            case DUTCH -> earliestTaker(reserve, bids);
            case VICKREY -> vcg(1, reserve, bids);
            case UNIFORM_PRICE -> uniformPrice(units, reserve, bids);
            case VCG -> vcg(units, reserve, bids);
        };
    }

    private static Clearing payOwnBid(long reserve, List<Bid> bids) {
        return bids.stream()
                .filter(b -> b.price() >= reserve)
                .min(Comparator.comparingLong(Bid::price).reversed().thenComparingLong(Bid::sequence))
                .map(b -> new Clearing(List.of(new Award(b.bidder(), 1, b.price())), 0, b.price()))
                .orElse(Clearing.nothingSold(1));
    }

    /** Every Dutch bid took the clock's price when it came; the first one wins. */
    private static Clearing earliestTaker(long reserve, List<Bid> bids) {
        return bids.stream()
                .filter(b -> b.price() >= reserve)
                .min(Comparator.comparingLong(Bid::sequence))
                .map(b -> new Clearing(List.of(new Award(b.bidder(), 1, b.price())), 0, b.price()))
                .orElse(Clearing.nothingSold(1));
    }

    private static List<Marginal> marginals(List<Bid> bids) {
        List<Marginal> all = new ArrayList<>();
        for (Bid bid : bids) {
            for (int k = 0; k < bid.unitPrices().size(); k++) {
                all.add(new Marginal(bid.bidder(), bid.unitPrices().get(k), bid.sequence(), k));
            }
        }
        all.sort(BEST_FIRST);
        return all;
    }

    /** The k best marginal bids at or above the reserve. */
    private static List<Marginal> winning(List<Marginal> sorted, int units, long reserve) {
        return sorted.stream().filter(m -> m.price() >= reserve).limit(units).toList();
    }

    private static Map<String, Integer> unitsByBidder(List<Marginal> winning) {
        Map<String, Integer> units = new LinkedHashMap<>();
        winning.forEach(m -> units.merge(m.bidder(), 1, Integer::sum));
        return units;
    }

    private static Clearing uniformPrice(int units, long reserve, List<Bid> bids) {
        List<Marginal> sorted = marginals(bids);
        List<Marginal> winning = winning(sorted, units, reserve);
        if (winning.isEmpty()) {
            return Clearing.nothingSold(units);
        }
        long highestRejected =
                sorted.size() > winning.size() ? sorted.get(winning.size()).price() : 0;
        long price = Math.max(reserve, highestRejected);
        List<Award> awards = new ArrayList<>();
        unitsByBidder(winning)
                .forEach((bidder, won) -> awards.add(new Award(bidder, won, Math.multiplyExact(price, won))));
        return new Clearing(awards, units - winning.size(), price);
    }

    private static Clearing vcg(int units, long reserve, List<Bid> bids) {
        List<Marginal> sorted = marginals(bids);
        List<Marginal> winning = winning(sorted, units, reserve);
        if (winning.isEmpty()) {
            return Clearing.nothingSold(units);
        }
        long sellerKeeps = Math.multiplyExact(reserve, units - winning.size());
        List<Award> awards = new ArrayList<>();
        for (Map.Entry<String, Integer> won : unitsByBidder(winning).entrySet()) {
            String bidder = won.getKey();
            long othersWith = sellerKeeps;
            for (Marginal m : winning) {
                if (!m.bidder().equals(bidder)) {
                    othersWith = Math.addExact(othersWith, m.price());
                }
            }
            List<Marginal> others =
                    sorted.stream().filter(m -> !m.bidder().equals(bidder)).toList();
            List<Marginal> othersWinning = winning(others, units, reserve);
            long othersWithout = Math.multiplyExact(reserve, units - othersWinning.size());
            for (Marginal m : othersWinning) {
                othersWithout = Math.addExact(othersWithout, m.price());
            }
            awards.add(new Award(bidder, won.getValue(), othersWithout - othersWith));
        }
        long unitPrice = units == 1 ? awards.get(0).payment() : -1;
        return new Clearing(awards, units - winning.size(), unitPrice);
    }
}
