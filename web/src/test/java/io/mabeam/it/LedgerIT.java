package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Accounts and the double-entry ledger through the REST API: deposits, transfers, an idempotent retry, the
 * tenant's spending cap, the ledger event stream, and the market in health and metrics.
 */
class LedgerIT extends MarketNode {

    @Test
    void depositsAndTransfersAreDoubleEntriesAndARetriedTransferMovesNothingTwice() {
        String tenant = funded("tenant", unique("acme"), ",\"spendCap\":50", 100);
        String agent = account("agent", unique("worker"), ",\"tenant\":\"" + tenant + "\"");
        String study = account("study", unique("study"), "");
        String id = unique("tx");
        Reply moved = http.postJson(
                "api/v1/transfers",
                token,
                "{\"from\":\"%s\",\"to\":\"%s\",\"amount\":12.5,\"reason\":\"budget\",\"id\":\"%s\"}"
                        .formatted(tenant, agent, id));
        assertThat(moved.status()).as(moved.body()).isEqualTo(201);
        assertThat(moved.json().getJsonArray("postings").getValuesAs(JsonObject.class))
                .extracting(p -> p.getJsonNumber("amount").doubleValue())
                .containsExactlyInAnyOrder(-12.5, 12.5);
        Reply again = http.postJson(
                "api/v1/transfers",
                token,
                "{\"from\":\"%s\",\"to\":\"%s\",\"amount\":12.5,\"reason\":\"budget\",\"id\":\"%s\"}"
                        .formatted(tenant, agent, id));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().getBoolean("replayed")).isTrue();
        assertThat(balance(tenant)).isEqualTo(87.5);
        assertThat(balance(agent)).isEqualTo(12.5);
        // within the tenant nothing is spent; paying the study leaves the tenant and counts against its cap
        Reply paid = http.postJson(
                "api/v1/transfers", token, "{\"from\":\"%s\",\"to\":\"%s\",\"amount\":10}".formatted(agent, study));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(http.get("api/v1/accounts/" + tenant, token)
                        .json()
                        .getJsonNumber("spent")
                        .doubleValue())
                .isEqualTo(10);
        List<JsonObject> ledger = http.get("api/v1/accounts/" + agent + "/ledger", token)
                .json()
                .getJsonArray("entries")
                .getValuesAs(JsonObject.class);
        assertThat(ledger)
                .extracting(e -> e.getJsonNumber("balanceAfter").doubleValue())
                .containsExactly(2.5, 12.5);
        assertThat(books())
                .as("every balance, the treasury's included, sums to zero")
                .isZero();
        Reply ledgerStream = http.get("api/v1/events/streams/ledger?direction=backwards&limit=50", token);
        assertThat(ledgerStream.status()).as(ledgerStream.body()).isEqualTo(200);
        List<JsonObject> events = ledgerStream.jsonValue().asJsonArray().getValuesAs(JsonObject.class);
        assertThat(events)
                .filteredOn(e -> e.getString("type").equals("CreditsTransferred"))
                .filteredOn(
                        e -> e.getJsonObject("payload").getString("transaction").equals(id))
                .hasSize(1)
                .allSatisfy(e -> assertThat(
                                e
                                        .getJsonObject("payload")
                                        .getJsonArray("postings")
                                        .getValuesAs(JsonObject.class)
                                        .stream()
                                        .mapToLong(
                                                p -> p.getJsonNumber("amount").longValue())
                                        .sum())
                        .isZero());
    }

    @Test
    void theMarketIsInHealthAndMetrics() throws Exception {
        String seller = account("study", unique("seller"), "");
        String a = funded("agent", unique("a"), "", 2);
        String id = openAuction("{\"kind\":\"vickrey\",\"item\":\"x\",\"seller\":\"%s\",\"duration\":\"PT5M\"}"
                        .formatted(seller))
                .getString("id");
        bid(id, a, "\"price\":1");
        close(id);
        JsonObject checked = http.postJson("api/v1/health/check", token, "").json();
        assertThat(checked.getJsonArray("components").getValuesAs(JsonObject.class))
                .filteredOn(c -> c.getString("component").equals("market"))
                .singleElement()
                .satisfies(c -> assertThat(c.getString("status")).isEqualTo("UP"));
        assertThat(http.get("metrics", null).body())
                .contains("mabeam_economics_auctions_closed_total{kind=\"vickrey\"")
                .contains("mabeam_economics_bids_total")
                .contains("mabeam_economics_transfers_total");
    }
}
