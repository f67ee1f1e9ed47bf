package io.mabeam.economics.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.problems.DomainException.Reason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The auction's state machine: open until its deadline or close, and the bids each kind admits meanwhile. */
class AuctionTest {

    private static final Instant OPENED = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant DEADLINE = OPENED.plusSeconds(60);
    private static final Instant NOW = OPENED.plusSeconds(10);

    private static Auction auction(AuctionKind kind, int units, AuctionStatus status) {
        boolean dutch = kind == AuctionKind.DUTCH;
        return new Auction(
                "a1",
                kind,
                "gpu-hour",
                units,
                100,
                kind == AuctionKind.ENGLISH ? 10L : null,
                dutch ? 1_000L : null,
                dutch ? 50L : null,
                dutch ? 1_000L : null,
                "seller",
                status,
                OPENED,
                DEADLINE,
                status == AuctionStatus.CLOSED ? NOW : null,
                null,
                null,
                "node-1",
                "admin");
    }

    private static Auction open(AuctionKind kind) {
        return auction(kind, 1, AuctionStatus.OPEN);
    }

    private static StoredBid standing(String bidder, long price) {
        return new StoredBid("a1", 1, bidder, List.of(price), price, BidStatus.STANDING, OPENED);
    }

    private static Reason reasonOf(Runnable bid) {
        try {
            bid.run();
        } catch (DomainException e) {
            return e.reason();
        }
        throw new AssertionError("the bid was admitted");
    }

    @Test
    void anAuctionTakesBidsOnlyWhileOpenAndBeforeItsDeadline() {
        Auction auction = open(AuctionKind.VICKREY);
        assertThat(auction.takesBids(NOW)).isTrue();
        assertThat(auction.takesBids(DEADLINE)).isFalse();
        assertThat(auction(AuctionKind.VICKREY, 1, AuctionStatus.CLOSED).takesBids(NOW))
                .isFalse();
        assertThatThrownBy(() -> auction.admit("b", List.of(200L), List.of(), DEADLINE))
                .isInstanceOf(BidRefused.class)
                .hasMessageContaining("takes no more bids");
    }

    @Test
    void englishBidsBeatTheStandingBidByTheIncrementAndOutbidIt() {
        Auction english = open(AuctionKind.ENGLISH);
        assertThat(english.minimumBid(List.of())).isEqualTo(100);
        assertThat(reasonOf(() -> english.admit("b", List.of(99L), List.of(), NOW)))
                .isEqualTo(Reason.REFUSED);
        List<StoredBid> standing = List.of(standing("a", 150));
        assertThat(english.minimumBid(standing)).isEqualTo(160);
        assertThat(reasonOf(() -> english.admit("b", List.of(159L), standing, NOW)))
                .isEqualTo(Reason.CONFLICT);
        assertThat(english.admit("b", List.of(160L), standing, NOW)).containsExactly(160L);
        assertThat(english.outbidBy(standing)).isEqualTo(standing);
        assertThat(auction(AuctionKind.ENGLISH, 1, AuctionStatus.CLOSED).minimumBid(standing))
                .isNull();
    }

    @Test
    void aDutchBidTakesTheClocksPriceAndEndsTheAuction() {
        Auction dutch = open(AuctionKind.DUTCH);
        assertThat(dutch.clock(NOW)).isEqualTo(500);
        assertThat(dutch.admit("b", null, List.of(), NOW)).containsExactly(500L);
        assertThat(dutch.admit("b", List.of(600L), List.of(), NOW)).containsExactly(500L);
        assertThatThrownBy(() -> dutch.admit("b", List.of(400L), List.of(), NOW))
                .isInstanceOf(BidRefused.class)
                .hasMessageContaining("above the most this bid pays");
        assertThat(reasonOf(() -> dutch.admit("b", List.of(600L, 500L), List.of(), NOW)))
                .isEqualTo(Reason.INVALID);
        assertThat(dutch.closesOnBid()).isTrue();
        assertThat(dutch.outbidBy(List.of(standing("a", 1)))).isEmpty();
        assertThat(dutch.clock(OPENED.plusSeconds(3_600))).isEqualTo(100);
    }

    @Test
    void aSealedAuctionTakesOneBidPerBidderAtOrAboveTheReserveAndHidesThemUntilClosed() {
        Auction sealed = open(AuctionKind.SEALED_FIRST_PRICE);
        assertThat(sealed.bidsVisible()).isFalse();
        assertThat(reasonOf(() -> sealed.admit("b", List.of(99L), List.of(), NOW)))
                .isEqualTo(Reason.REFUSED);
        assertThat(reasonOf(() -> sealed.admit("a", List.of(300L), List.of(standing("a", 200)), NOW)))
                .isEqualTo(Reason.CONFLICT);
        assertThat(sealed.admit("b", List.of(300L), List.of(standing("a", 200)), NOW))
                .containsExactly(300L);
        assertThat(sealed.closesOnBid()).isFalse();
        assertThat(auction(AuctionKind.SEALED_FIRST_PRICE, 1, AuctionStatus.CLOSED)
                        .bidsVisible())
                .isTrue();
        assertThat(open(AuctionKind.ENGLISH).bidsVisible()).isTrue();
    }

    @Test
    void multiUnitPricesAreAtMostTheUnitsOnSaleAndNeverRise() {
        Auction uniform = auction(AuctionKind.UNIFORM_PRICE, 2, AuctionStatus.OPEN);
        assertThat(uniform.admit("b", List.of(300L, 200L), List.of(), NOW)).containsExactly(300L, 200L);
        for (List<Long> bad : List.of(List.of(200L, 300L), List.of(300L, 200L, 100L), List.of(-1L), List.<Long>of())) {
            assertThat(reasonOf(() -> uniform.admit("b", bad, List.of(), NOW))).isEqualTo(Reason.INVALID);
        }
        assertThat(reasonOf(() -> open(AuctionKind.VICKREY).admit("b", List.of(300L, 200L), List.of(), NOW)))
                .isEqualTo(Reason.INVALID);
    }
}
