package io.mabeam.economics.boundary;

import io.mabeam.foundation.api.boundary.BoundBody;
import io.mabeam.foundation.api.boundary.OptionalBody;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The request bodies of accounts, transfers and auctions. Amounts are JSON numbers of credits (not {@code "1"}),
 * never negative;
 * {@link EconomicsBodies#micros} turns them into micro-credits and refuses more than six decimal places. Kinds,
 * owners and the rest are checked by the domain.
 */
public final class EconomicsRequests {

    private EconomicsRequests() {}

    /** {@code {"kind": "tenant"|"study"|"agent", "owner": "...", "tenant": "tenant:acme", "spendCap": 100}}. */
    public static class OpenAccount implements BoundBody {
        @Size(max = 200)
        public String kind;

        @Size(max = 200)
        public String owner;

        @Size(max = 200)
        public String tenant;

        @DecimalMin(value = "0", message = "spendCap is not negative")
        public BigDecimal spendCap;
    }

    /** {@code {"amount": 10, "reason": "budget", "id": "optional idempotency key"}}. */
    public static class Deposit implements BoundBody {
        @NotNull(message = "the body needs \"amount\", an amount of credits")
        @DecimalMin(value = "0", message = "amount is not negative")
        public BigDecimal amount;

        @Size(max = 1000)
        public String reason;

        @Size(max = 200)
        public String id;
    }

    /** {@code {"from", "to", "amount", "reason", "reference", "id"}}. */
    public static class Transfer implements BoundBody {
        @Size(max = 200)
        public String from;

        @Size(max = 200)
        public String to;

        @NotNull(message = "the body needs \"amount\", an amount of credits")
        @DecimalMin(value = "0", message = "amount is not negative")
        public BigDecimal amount;

        @Size(max = 1000)
        public String reason;

        @Size(max = 1000)
        public String reference;

        @Size(max = 200)
        public String id;
    }

    /** {@code {"spendCap": 100}}, or {@code {"spendCap": null}} to remove the cap; the field itself is required. */
    public static class Cap implements BoundBody {
        private BigDecimal spendCap;

        @Schema(hidden = true) // whether the body had the field: not part of the body
        private boolean given;

        @DecimalMin(value = "0", message = "spendCap is not negative")
        public BigDecimal getSpendCap() {
            return spendCap;
        }

        public void setSpendCap(BigDecimal spendCap) {
            this.spendCap = spendCap;
            this.given = true;
        }

        /** Whether the body had the field, null or not. */
        public boolean given() {
            return given;
        }
    }

    /** An auction; see {@code AuctionsResource.open}. A missing or null duration is a minute. */
    public static class OpenAuction implements BoundBody {
        @Size(max = 50)
        public String kind;

        @Size(max = 500)
        public String item;

        @Min(value = 1, message = "units is at least 1")
        public Integer units;

        @DecimalMin(value = "0", message = "reserve is not negative")
        public BigDecimal reserve;

        @Size(max = 200)
        public String seller;

        public Duration duration;

        @DecimalMin(value = "0", message = "increment is not negative")
        public BigDecimal increment;

        @DecimalMin(value = "0", message = "startPrice is not negative")
        public BigDecimal startPrice;

        @DecimalMin(value = "0", message = "decrement is not negative")
        public BigDecimal decrement;

        private Duration tick;

        @Schema(hidden = true) // whether the body had the field: not part of the body
        private boolean tickGiven;

        public Duration getTick() {
            return tick;
        }

        public void setTick(Duration tick) {
            this.tick = tick;
            this.tickGiven = true;
        }

        /** The tick of a dutch auction: null when the body has none, a second when it gives {@code null}. */
        public Duration tick() {
            return tickGiven && tick == null ? Duration.ofSeconds(1) : tick;
        }

        public Duration durationOrDefault() {
            return duration == null ? Duration.ofMinutes(1) : duration;
        }
    }

    /** {@code {"bidder": "agent:a1", "price": 3}} or {@code {"bidder": …, "unitPrices": [5, 4, 2]}}. */
    public static class Bid implements BoundBody {
        @Size(max = 200)
        public String bidder;

        private BigDecimal price;

        @Schema(hidden = true) // whether the body had the field: not part of the body
        private boolean priceGiven;

        private List<BigDecimal> unitPrices;

        @Schema(hidden = true) // whether the body had the field: not part of the body
        private boolean unitPricesGiven;

        @DecimalMin(value = "0", message = "price is not negative")
        public BigDecimal getPrice() {
            return price;
        }

        public void setPrice(BigDecimal price) {
            this.price = price;
            this.priceGiven = true;
        }

        @Size(max = 10000)
        public List<
                        @NotNull(message = "unitPrices holds amounts of credits")
                        @DecimalMin(value = "0", message = "unitPrices is not negative") BigDecimal>
                getUnitPrices() {
            return unitPrices;
        }

        public void setUnitPrices(List<BigDecimal> unitPrices) {
            this.unitPrices = unitPrices;
            this.unitPricesGiven = true;
        }

        boolean priceGiven() {
            return priceGiven;
        }

        boolean unitPricesGiven() {
            return unitPricesGiven;
        }
    }

    /** Closing takes no fields; the body may be left out. */
    public static class Close implements OptionalBody {}
}
