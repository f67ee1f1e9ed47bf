package io.mabeam.economics.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.economics.entity.AuctionKind;
import io.mabeam.economics.entity.Award;
import io.mabeam.economics.entity.Bid;
import io.mabeam.economics.entity.Clearing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class AuctionProperties {

    /** Marginal prices per bidder: each list is sorted into a non-rising bid. */
    @Provide
    Arbitrary<List<List<Long>>> marginalBids() {
        return Arbitraries.longs()
                .between(0, 1_000)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .list()
                .ofMinSize(0)
                .ofMaxSize(7);
    }

    static List<Bid> bids(List<List<Long>> prices, boolean single) {
        List<Bid> bids = new ArrayList<>();
        for (int i = 0; i < prices.size(); i++) {
            List<Long> sorted = new ArrayList<>(prices.get(i));
            sorted.sort(Comparator.reverseOrder());
            bids.add(new Bid("b" + i, single ? sorted.subList(0, 1) : sorted, i));
        }
        return bids;
    }

    static Optional<Long> payment(Clearing clearing, String bidder) {
        return clearing.awards().stream()
                .filter(a -> a.bidder().equals(bidder))
                .map(Award::payment)
                .findFirst();
    }

    static long valueOf(List<Long> marginalValues, int units) {
        return marginalValues.stream().limit(units).mapToLong(Long::longValue).sum();
    }

    @Property(tries = 400)
    void everyUnitIsAwardedAtMostOnceAndOnlyToItsBidders(
            @ForAll("marginalBids") List<List<Long>> prices,
            @ForAll @IntRange(min = 1, max = 5) int units,
            @ForAll @LongRange(min = 0, max = 1_000) long reserve) {
        for (AuctionKind kind : AuctionKind.values()) {
            int sold = kind.multiUnit() ? units : 1;
            List<Bid> bids = bids(prices, !kind.multiUnit());
            Clearing clearing = AuctionRules.clear(kind, sold, reserve, bids);
            assertThat(clearing.sold() + clearing.unsold()).isEqualTo(sold);
            assertThat(clearing.sold()).isLessThanOrEqualTo(sold);
            assertThat(new HashSet<>(
                            clearing.awards().stream().map(Award::bidder).toList()))
                    .hasSize(clearing.awards().size());
            Map<String, Bid> byBidder = bids.stream().collect(Collectors.toMap(Bid::bidder, b -> b));
            for (Award award : clearing.awards()) {
                Bid bid = byBidder.get(award.bidder());
                assertThat(bid).isNotNull();
                assertThat(award.units()).isLessThanOrEqualTo(bid.unitPrices().size());
                // no one pays more than it bid for its units, nor less than the reserve for each: budgets hold
                assertThat(award.payment())
                        .isLessThanOrEqualTo(valueOf(bid.unitPrices(), award.units()))
                        .isGreaterThanOrEqualTo(reserve * award.units());
                // and only bids at or above the reserve win
                assertThat(bid.unitPrices().get(award.units() - 1)).isGreaterThanOrEqualTo(reserve);
            }
        }
    }

    @Property(tries = 400)
    void singleItemPaymentsFollowTheirRule(
            @ForAll("marginalBids") List<List<Long>> prices, @ForAll @LongRange(min = 0, max = 1_000) long reserve) {
        List<Bid> bids = bids(prices, true);
        List<Bid> eligible = bids.stream().filter(b -> b.price() >= reserve).toList();
        Optional<Bid> highest = eligible.stream()
                .min(Comparator.comparingLong(Bid::price).reversed().thenComparingLong(Bid::sequence));
        Clearing first = AuctionRules.clear(AuctionKind.SEALED_FIRST_PRICE, 1, reserve, bids);
        Clearing vickrey = AuctionRules.clear(AuctionKind.VICKREY, 1, reserve, bids);
        if (highest.isEmpty()) {
            assertThat(first.awards()).isEmpty();
            assertThat(vickrey.awards()).isEmpty();
            return;
        }
        Bid winner = highest.get();
        assertThat(first.awards()).containsExactly(new Award(winner.bidder(), 1, winner.price()));
        long second = bids.stream()
                .filter(b -> !b.bidder().equals(winner.bidder()))
                .mapToLong(Bid::price)
                .max()
                .orElse(0);
        assertThat(vickrey.awards()).containsExactly(new Award(winner.bidder(), 1, Math.max(reserve, second)));
    }

    @Property(tries = 400)
    void uniformPriceIsOnePriceNoWinnerBidBelow(
            @ForAll("marginalBids") List<List<Long>> prices,
            @ForAll @IntRange(min = 1, max = 5) int units,
            @ForAll @LongRange(min = 0, max = 1_000) long reserve) {
        List<Bid> bids = bids(prices, false);
        Clearing clearing = AuctionRules.clear(AuctionKind.UNIFORM_PRICE, units, reserve, bids);
        Map<String, Bid> byBidder = bids.stream().collect(Collectors.toMap(Bid::bidder, b -> b));
        for (Award award : clearing.awards()) {
            assertThat(award.payment()).isEqualTo(clearing.unitPrice() * award.units());
            assertThat(byBidder.get(award.bidder()).unitPrices().get(award.units() - 1))
                    .isGreaterThanOrEqualTo(clearing.unitPrice());
        }
        // the allocation is efficient: no losing marginal bid at or above the reserve beats a winning one
        if (clearing.unsold() > 0) {
            for (Bid bid : bids) {
                int won = clearing.awards().stream()
                        .filter(a -> a.bidder().equals(bid.bidder()))
                        .mapToInt(Award::units)
                        .sum();
                if (won < bid.unitPrices().size()) {
                    assertThat(bid.unitPrices().get(won)).isLessThan(reserve);
                }
            }
        }
    }

    @Property(tries = 300)
    void biddingOnesValueIsDominantInVickrey(
            @ForAll @LongRange(min = 0, max = 1_000) long value,
            @ForAll @LongRange(min = 0, max = 1_000) long misreport,
            @ForAll @Size(max = 5) List<@LongRange(min = 0, max = 1_000) Long> others,
            @ForAll @LongRange(min = 0, max = 1_000) long reserve,
            @ForAll @IntRange(min = 0, max = 5) int arrival) {
        assertThat(utility(AuctionKind.VICKREY, 1, List.of(value), List.of(value), others, reserve, arrival))
                .isGreaterThanOrEqualTo(
                        utility(AuctionKind.VICKREY, 1, List.of(value), List.of(misreport), others, reserve, arrival));
    }

    @Property(tries = 300)
    void biddingOnesMarginalValuesIsDominantInVcg(
            @ForAll @Size(min = 1, max = 3) List<@LongRange(min = 0, max = 500) Long> values,
            @ForAll @Size(min = 1, max = 3) List<@LongRange(min = 0, max = 500) Long> misreport,
            @ForAll("marginalBids") List<List<Long>> others,
            @ForAll @IntRange(min = 1, max = 4) int units,
            @ForAll @LongRange(min = 0, max = 300) long reserve) {
        List<Long> truth = values.stream().sorted(Comparator.reverseOrder()).toList();
        List<Long> lie = misreport.stream().sorted(Comparator.reverseOrder()).toList();
        List<Long> otherFirstPrices = others.stream().map(o -> o.get(0)).toList();
        long truthful = utility(AuctionKind.VCG, units, truth, truth, otherFirstPrices, reserve, others.size());
        long lying = utility(AuctionKind.VCG, units, truth, lie, otherFirstPrices, reserve, others.size());
        assertThat(truthful).isGreaterThanOrEqualTo(lying);
    }

    /** The bidder's value of what it wins less what it pays, when it bids {@code bid} among single-price others. */
    private static long utility(
            AuctionKind kind,
            int units,
            List<Long> values,
            List<Long> bid,
            List<Long> others,
            long reserve,
            int arrival) {
        List<Bid> bids = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            bids.add(Bid.single("o" + i, others.get(i), i < arrival ? i : i + 1));
        }
        bids.add(new Bid("me", bid, Math.min(arrival, others.size())));
        Clearing clearing = AuctionRules.clear(kind, units, reserve, bids);
        return clearing.awards().stream()
                .filter(a -> a.bidder().equals("me"))
                .mapToLong(a -> valueOf(values, a.units()) - a.payment())
                .sum();
    }
}
