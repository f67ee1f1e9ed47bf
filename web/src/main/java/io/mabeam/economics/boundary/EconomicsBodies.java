package io.mabeam.economics.boundary;

import io.mabeam.economics.control.EconomicsJson;
import io.mabeam.foundation.problems.DomainException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/** Amounts of credits in request bodies: decimals with at most six places, never negative. */
public final class EconomicsBodies {

    private EconomicsBodies() {}

    /** An optional amount, null when missing. */
    public static Long optionalAmount(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value == null || value == JsonValue.NULL ? null : parsed(value, name);
    }

    /** An amount of credits from a bound body as micro-credits; null stays null; a 400 past six decimals. */
    static Long micros(java.math.BigDecimal credits, String name) {
        if (credits == null) {
            return null;
        }
        if (credits.signum() < 0) {
            throw DomainException.invalid(name + " is not negative: " + credits.toPlainString());
        }
        try {
            return io.mabeam.economics.entity.Credits.micros(credits);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
    }

    /** A bid's prices from a bound body: {@code unitPrices} or {@code price}, null when neither is given. */
    static List<Long> prices(EconomicsRequests.Bid bid) {
        if (bid.priceGiven() && bid.unitPricesGiven()) {
            throw DomainException.invalid("a bid has \"price\" or \"unitPrices\", not both");
        }
        if (bid.unitPricesGiven()) {
            if (bid.getUnitPrices() == null) {
                throw DomainException.invalid("\"unitPrices\" is an array of amounts of credits");
            }
            List<Long> prices = new ArrayList<>();
            for (java.math.BigDecimal price : bid.getUnitPrices()) {
                if (price == null) {
                    throw DomainException.invalid("unitPrices is a number of credits");
                }
                prices.add(micros(price, "unitPrices"));
            }
            return prices;
        }
        Long price = micros(bid.getPrice(), "price");
        return price == null ? null : List.of(price);
    }

    private static long parsed(JsonValue value, String name) {
        try {
            return EconomicsJson.amount(value, name);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
    }
}
