package io.mabeam.economics.boundary;

import io.mabeam.economics.control.EconomicsJson;
import io.mabeam.foundation.problems.DomainException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/** Amounts of credits in request bodies: decimals with at most six places, never negative. */
public final class EconomicsBodies {

    private EconomicsBodies() {}

    /** A required amount; a 400 when missing, negative or malformed. */
    static long amount(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            throw DomainException.invalid("the body needs \"" + name + "\", an amount of credits");
        }
        return parsed(value, name);
    }

    /** An optional amount, null when missing. */
    public static Long optionalAmount(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value == null || value == JsonValue.NULL ? null : parsed(value, name);
    }

    /** {@code unitPrices} (an array) or {@code price} (one number); null when neither is given. */
    static List<Long> prices(JsonObject json) {
        if (json.containsKey("unitPrices") && json.containsKey("price")) {
            throw DomainException.invalid("a bid has \"price\" or \"unitPrices\", not both");
        }
        if (json.get("unitPrices") instanceof JsonArray array) {
            List<Long> prices = new ArrayList<>();
            for (JsonValue value : array) {
                prices.add(parsed(value, "unitPrices"));
            }
            return prices;
        }
        if (json.containsKey("unitPrices")) {
            throw DomainException.invalid("\"unitPrices\" is an array of amounts of credits");
        }
        Long price = optionalAmount(json, "price");
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
