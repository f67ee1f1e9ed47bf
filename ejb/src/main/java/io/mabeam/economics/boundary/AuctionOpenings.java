package io.mabeam.economics.boundary;

import io.mabeam.economics.entity.Auction;
import io.mabeam.economics.entity.AuctionKind;
import io.mabeam.economics.entity.AuctionStatus;
import io.mabeam.economics.entity.Credits;
import io.mabeam.foundation.problems.DomainException;
import java.time.Duration;
import java.time.Instant;

/** What an auction opening must satisfy, by kind, and the auction it opens. */
final class AuctionOpenings {

    static final Duration SHORTEST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofDays(30);

    private AuctionOpenings() {}

    /**
     * @throws DomainException 400 for a bad kind, item, count, price or duration, or parameters of another kind
     */
    static Auction auction(Auctions.Opening opening, String id, Instant now, String node, String openedBy) {
        AuctionKind kind = AuctionKind.fromWire(opening.kind() == null ? "" : opening.kind())
                .orElseThrow(() -> DomainException.invalid(
                        "an auction's kind is english, dutch, sealed-first-price, vickrey, uniform-price or vcg"));
        if (opening.item() == null || opening.item().isBlank() || opening.item().length() > 300) {
            throw DomainException.invalid("an auction sells an item: 1-300 characters");
        }
        int units = opening.units() == null ? 1 : opening.units();
        if (units < 1 || units > 10_000 || (!kind.multiUnit() && units != 1)) {
            throw DomainException.invalid(
                    kind.multiUnit()
                            ? "a multi-unit auction sells 1 to 10000 units"
                            : "a " + kind.wireName() + " auction sells one unit");
        }
        if (opening.reserve() < 0) {
            throw DomainException.invalid("a reserve price is not negative");
        }
        Duration duration = opening.duration() == null ? Duration.ofMinutes(1) : opening.duration();
        if (duration.compareTo(SHORTEST) < 0 || duration.compareTo(LONGEST) > 0) {
            throw DomainException.invalid("an auction runs from PT1S to P30D");
        }
        Long increment = null;
        Long startPrice = null;
        Long decrement = null;
        Long tickMillis = null;
        if (kind == AuctionKind.ENGLISH) {
            increment = opening.increment() == null ? Credits.MICROS / 100 : opening.increment();
            if (increment <= 0) {
                throw DomainException.invalid("an English auction's increment is positive");
            }
        } else if (opening.increment() != null) {
            throw DomainException.invalid("only an English auction has an increment");
        }
        if (kind == AuctionKind.DUTCH) {
            if (opening.startPrice() == null || opening.decrement() == null) {
                throw DomainException.invalid("a Dutch auction has a startPrice and a decrement");
            }
            startPrice = opening.startPrice();
            decrement = opening.decrement();
            Duration tick = opening.tick() == null ? Duration.ofSeconds(1) : opening.tick();
            if (startPrice < opening.reserve()
                    || decrement <= 0
                    || tick.toMillis() < 100
                    || tick.compareTo(duration) > 0) {
                throw DomainException.invalid("a Dutch clock starts at or above the reserve and falls by a positive"
                        + " decrement every tick (PT0.1S up to the auction's duration)");
            }
            tickMillis = tick.toMillis();
        } else if (opening.startPrice() != null || opening.decrement() != null || opening.tick() != null) {
            throw DomainException.invalid("only a Dutch auction has a startPrice, decrement and tick");
        }
        return new Auction(
                id,
                kind,
                opening.item().strip(),
                units,
                opening.reserve(),
                increment,
                startPrice,
                decrement,
                tickMillis,
                opening.seller(),
                AuctionStatus.OPEN,
                now,
                now.plus(duration),
                null,
                null,
                null,
                node,
                openedBy);
    }
}
