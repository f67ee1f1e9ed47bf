package io.mabeam.economics.control;

import io.mabeam.economics.entity.Account;
import io.mabeam.economics.entity.AccountKind;
import io.mabeam.economics.entity.Auction;
import io.mabeam.economics.entity.Award;
import io.mabeam.economics.entity.Clearing;
import io.mabeam.economics.entity.Credits;
import io.mabeam.economics.entity.LedgerEntry;
import io.mabeam.economics.entity.StoredBid;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.List;

/** Accounts, ledger entries, auctions and bids as JSON, amounts in credits (decimals). */
public final class EconomicsJson {

    private EconomicsJson() {}

    public static JsonNumber credits(long micros) {
        return Json.createValue(Credits.decimal(micros));
    }

    /**
     * An amount of credits from JSON.
     *
     * @throws IllegalArgumentException not a number, negative, or more than six decimal places
     */
    public static long amount(JsonValue value, String name) {
        if (!(value instanceof JsonNumber number)) {
            throw new IllegalArgumentException(name + " is a number of credits");
        }
        BigDecimal decimal = number.bigDecimalValue();
        if (decimal.signum() < 0) {
            throw new IllegalArgumentException(name + " is not negative: " + decimal.toPlainString());
        }
        return Credits.micros(decimal);
    }

    public static JsonObject account(Account account, long held) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", account.id())
                .add("kind", account.kind().wireName())
                .add("owner", account.owner())
                .add("balance", credits(account.balance()));
        if (account.tenant() != null) {
            json.add("tenant", account.tenant());
        }
        if (account.spendCap() != null) {
            json.add("spendCap", credits(account.spendCap()));
        }
        if (account.kind() == AccountKind.TENANT) {
            json.add("spent", credits(account.spent())).add("held", credits(held));
        }
        return json.add("createdBy", account.createdBy())
                .add("createdAt", account.createdAt().toString())
                .build();
    }

    public static JsonObject entry(LedgerEntry entry) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("transaction", entry.transaction())
                .add("account", entry.account())
                .add("amount", credits(entry.amount()))
                .add("balanceAfter", credits(entry.balanceAfter()))
                .add("reason", entry.reason());
        if (entry.reference() != null) {
            json.add("reference", entry.reference());
        }
        return json.add("at", entry.at().toString()).build();
    }

    /** A transaction as recorded in the event store: its postings sum to zero. */
    public static JsonObject transaction(String id, String reason, String reference, List<LedgerEntry> entries) {
        JsonArrayBuilder postings = Json.createArrayBuilder();
        entries.forEach(e -> postings.add(Json.createObjectBuilder()
                .add("account", e.account())
                .add("amount", e.amount())
                .add("balanceAfter", e.balanceAfter())));
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("transaction", id)
                .add("reason", reason)
                .add("postings", postings)
                .add("unit", "micro-credits");
        if (reference != null) {
            json.add("reference", reference);
        }
        return json.build();
    }

    public static JsonObject clearing(Clearing clearing) {
        JsonArrayBuilder awards = Json.createArrayBuilder();
        for (Award award : clearing.awards()) {
            awards.add(Json.createObjectBuilder()
                    .add("bidder", award.bidder())
                    .add("units", award.units())
                    .add("payment", credits(award.payment())));
        }
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("awards", awards)
                .add("sold", clearing.sold())
                .add("unsold", clearing.unsold())
                .add("revenue", credits(clearing.revenue()));
        if (clearing.unitPrice() >= 0) {
            json.add("unitPrice", credits(clearing.unitPrice()));
        }
        return json.build();
    }

    public static JsonObject bid(StoredBid bid) {
        JsonArrayBuilder prices = Json.createArrayBuilder();
        bid.unitPrices().forEach(p -> prices.add(credits(p)));
        return Json.createObjectBuilder()
                .add("sequence", bid.sequence())
                .add("bidder", bid.bidder())
                .add("unitPrices", prices)
                .add("total", credits(bid.total()))
                .add("status", bid.status().wireName())
                .add("placedAt", bid.placedAt().toString())
                .build();
    }

    public static JsonObjectBuilder auction(Auction auction) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", auction.id())
                .add("kind", auction.kind().wireName())
                .add("item", auction.item())
                .add("units", auction.units())
                .add("reserve", credits(auction.reserve()))
                .add("seller", auction.seller())
                .add("status", auction.status().wireName())
                .add("openedAt", auction.openedAt().toString())
                .add("closesAt", auction.closesAt().toString())
                .add("node", auction.node())
                .add("createdBy", auction.createdBy());
        if (auction.increment() != null) {
            json.add("increment", credits(auction.increment()));
        }
        if (auction.startPrice() != null) {
            json.add("startPrice", credits(auction.startPrice()))
                    .add("decrement", credits(auction.decrement()))
                    .add(
                            "tick",
                            java.time.Duration.ofMillis(auction.tickMillis()).toString());
        }
        if (auction.closedAt() != null) {
            json.add("closedAt", auction.closedAt().toString()).add("closedBy", auction.closedBy());
        }
        if (auction.result() != null) {
            json.add(
                    "result",
                    Json.createReader(new java.io.StringReader(auction.result()))
                            .readObject());
        }
        return json;
    }
}
