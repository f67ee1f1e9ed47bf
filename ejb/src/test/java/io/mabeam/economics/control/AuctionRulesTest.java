package io.mabeam.economics.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.economics.entity.Auction;
import io.mabeam.economics.entity.AuctionKind;
import io.mabeam.economics.entity.Award;
import io.mabeam.economics.entity.Bid;
import io.mabeam.economics.entity.Clearing;
import io.mabeam.economics.entity.Credits;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuctionRulesTest {

    private static final List<Bid> THREE =
            List.of(Bid.single("a", 10, 0), Bid.single("b", 7, 1), Bid.single("c", 3, 2));

    @Test
    void vickreyWinnerPaysTheSecondHighestBidOrTheReserve() {
        assertThat(AuctionRules.clear(AuctionKind.VICKREY, 1, 5, THREE).awards())
                .containsExactly(new Award("a", 1, 7));
        assertThat(AuctionRules.clear(AuctionKind.VICKREY, 1, 8, THREE).awards())
                .containsExactly(new Award("a", 1, 8));
        assertThat(AuctionRules.clear(AuctionKind.VICKREY, 1, 0, List.of(Bid.single("a", 10, 0)))
                        .awards())
                .containsExactly(new Award("a", 1, 0));
    }

    @Test
    void firstPriceAndEnglishWinnersPayTheirBid() {
        assertThat(AuctionRules.clear(AuctionKind.SEALED_FIRST_PRICE, 1, 5, THREE)
                        .awards())
                .containsExactly(new Award("a", 1, 10));
        assertThat(AuctionRules.clear(AuctionKind.ENGLISH, 1, 5, THREE).awards())
                .containsExactly(new Award("a", 1, 10));
    }

    @Test
    void equalBidsGoToTheEarliest() {
        List<Bid> tied = List.of(Bid.single("late", 9, 5), Bid.single("early", 9, 2));
        assertThat(AuctionRules.clear(AuctionKind.SEALED_FIRST_PRICE, 1, 0, tied)
                        .awards()
                        .get(0)
                        .bidder())
                .isEqualTo("early");
        assertThat(AuctionRules.clear(AuctionKind.VICKREY, 1, 0, tied).awards())
                .containsExactly(new Award("early", 1, 9));
    }

    @Test
    void dutchGoesToTheFirstTakerAtThePriceItTook() {
        List<Bid> takers = List.of(Bid.single("second", 80, 2), Bid.single("first", 70, 1));
        assertThat(AuctionRules.clear(AuctionKind.DUTCH, 1, 50, takers).awards())
                .containsExactly(new Award("first", 1, 70));
    }

    @Test
    void nothingSellsBelowTheReserve() {
        Clearing clearing = AuctionRules.clear(AuctionKind.VICKREY, 1, 11, THREE);
        assertThat(clearing.awards()).isEmpty();
        assertThat(clearing.unsold()).isEqualTo(1);
        assertThat(AuctionRules.clear(AuctionKind.UNIFORM_PRICE, 2, 100, THREE).awards())
                .isEmpty();
    }

    private static final List<Bid> MULTI =
            List.of(new Bid("a", List.of(10L, 8L), 0), new Bid("b", List.of(9L, 4L), 1), new Bid("c", List.of(6L), 2));

    @Test
    void uniformPriceChargesTheHighestRejectedBidForEveryUnit() {
        Clearing clearing = AuctionRules.clear(AuctionKind.UNIFORM_PRICE, 3, 0, MULTI);
        assertThat(clearing.awards()).containsExactlyInAnyOrder(new Award("a", 2, 12), new Award("b", 1, 6));
        assertThat(clearing.unitPrice()).isEqualTo(6);
        assertThat(AuctionRules.clear(AuctionKind.UNIFORM_PRICE, 3, 7, MULTI).awards())
                .containsExactlyInAnyOrder(new Award("a", 2, 14), new Award("b", 1, 7));
    }

    @Test
    void vcgChargesEachWinnerTheValueItsUnitsHadForTheOthers() {
        // without a the others' best three units are 9 + 6 + 4 = 19, with a they keep 9: a pays 10;
        // without b: 10 + 8 + 6 = 24, with b: 10 + 8 = 18: b pays 6
        Clearing clearing = AuctionRules.clear(AuctionKind.VCG, 3, 0, MULTI);
        assertThat(clearing.awards()).containsExactlyInAnyOrder(new Award("a", 2, 10), new Award("b", 1, 6));
        // the seller keeps unsold units at the reserve: four units, reserve 5 — c's 6 wins too and b's 4 does not
        Clearing reserved = AuctionRules.clear(AuctionKind.VCG, 4, 5, MULTI);
        assertThat(reserved.awards())
                .containsExactlyInAnyOrder(new Award("a", 2, 10), new Award("b", 1, 5), new Award("c", 1, 5));
        assertThat(reserved.unsold()).isZero();
    }

    @Test
    void badAuctionsAreRefused() {
        assertThatThrownBy(() -> AuctionRules.clear(AuctionKind.VICKREY, 2, 0, THREE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuctionRules.clear(AuctionKind.VICKREY, 1, 0, MULTI))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuctionRules.clear(
                        AuctionKind.SEALED_FIRST_PRICE, 1, 0, List.of(Bid.single("a", 1, 0), Bid.single("a", 2, 1))))
                .hasMessageContaining("two bids");
        assertThatThrownBy(() -> new Bid("a", List.of(1L, 2L), 0)).hasMessageContaining("never rise");
        assertThatThrownBy(() -> Bid.single("a", -1, 0)).hasMessageContaining("not negative");
    }

    @Test
    void englishBidsRiseByTheIncrementAndDutchClocksFallToTheReserve() {
        assertThat(Auction.englishMinimum(50, 5, null)).isEqualTo(50);
        assertThat(Auction.englishMinimum(50, 5, 60L)).isEqualTo(65);
        assertThat(Auction.dutchPrice(100, 10, 1000, 30, 0)).isEqualTo(100);
        assertThat(Auction.dutchPrice(100, 10, 1000, 30, 2500)).isEqualTo(80);
        assertThat(Auction.dutchPrice(100, 10, 1000, 30, 60_000)).isEqualTo(30);
        assertThat(Auction.dutchPrice(100, Long.MAX_VALUE, 1, 0, Long.MAX_VALUE))
                .isZero();
    }

    @Test
    void creditsAreExactMicroCredits() {
        assertThat(Credits.micros(new BigDecimal("1.5"))).isEqualTo(1_500_000);
        assertThat(Credits.format(1_500_000)).isEqualTo("1.5");
        assertThat(Credits.format(3_000_000)).isEqualTo("3");
        assertThat(Credits.format(1)).isEqualTo("0.000001");
        assertThatThrownBy(() -> Credits.micros(new BigDecimal("0.0000001"))).hasMessageContaining("six decimal");
    }
}
