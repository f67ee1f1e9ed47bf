package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * The base of the economics and consensus ITs: helpers that open accounts, auctions and proposals through the
 * REST API of the shared node, and read back what they settled.
 */
abstract class MarketNode extends SharedNode {

    String account(String kind, String owner, String extra) {
        Reply opened = http.postJson(
                "api/v1/accounts", token, "{\"kind\":\"%s\",\"owner\":\"%s\"%s}".formatted(kind, owner, extra));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json().getString("id");
    }

    String funded(String kind, String owner, String extra, double credits) {
        String id = account(kind, owner, extra);
        Reply deposit =
                http.postJson("api/v1/accounts/" + id + "/deposits", token, "{\"amount\":%s}".formatted(credits));
        assertThat(deposit.status()).as(deposit.body()).isEqualTo(201);
        return id;
    }

    double balance(String account) {
        Reply read = http.get("api/v1/accounts/" + account, token);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        return read.json().getJsonNumber("balance").doubleValue();
    }

    double books() {
        return http.get("api/v1/accounts", token).json().getJsonNumber("books").doubleValue();
    }

    JsonObject openAuction(String body) {
        Reply opened = http.postJson("api/v1/auctions", token, body);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json();
    }

    Reply bid(String auction, String bidder, String prices) {
        return http.postJson(
                "api/v1/auctions/" + auction + "/bids", token, "{\"bidder\":\"%s\",%s}".formatted(bidder, prices));
    }

    JsonObject close(String auction) {
        Reply closed = http.postJson("api/v1/auctions/" + auction + "/close", token, "");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        return closed.json();
    }

    static List<JsonObject> awards(JsonObject auction) {
        return auction.getJsonObject("result").getJsonArray("awards").getValuesAs(JsonObject.class);
    }

    static double payment(JsonObject auction, String bidder) {
        return awards(auction).stream()
                .filter(a -> a.getString("bidder").equals(bidder))
                .mapToDouble(a -> a.getJsonNumber("payment").doubleValue())
                .findFirst()
                .orElseThrow();
    }

    static void assertProblem(Reply reply, int status, String title) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        if (status != 401) {
            assertThat(reply.isProblem()).as(reply.contentType()).isTrue();
        }
        if (title != null) {
            assertThat(reply.json().getString("title")).isEqualTo(title);
        }
    }

    String voter(String id, String config) {
        Reply spawned = http.postJson(
                "api/v1/agents", token, "{\"id\":\"%s\",\"type\":\"voter\",\"config\":%s}".formatted(id, config));
        assertThat(spawned.status()).as(spawned.body()).isEqualTo(201);
        return id;
    }

    JsonObject propose(String body) {
        Reply opened = http.postJson("api/v1/proposals", token, body);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json();
    }

    JsonObject decided(String proposal) throws Exception {
        return await(
                "proposal " + proposal + " decided",
                () -> http.get("api/v1/proposals/" + proposal, token).json(),
                p -> !p.getString("status").equals("open"),
                Duration.ofSeconds(30));
    }

    List<JsonObject> events(String stream) {
        Reply read = http.get("api/v1/events/streams/" + stream + "?limit=1000", token);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        return read.jsonValue().asJsonArray().getValuesAs(JsonObject.class);
    }

    static <T> T await(String what, java.util.function.Supplier<T> read, Predicate<T> done, Duration timeout)
            throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        T last = read.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("no " + what + " within " + timeout + "; last: " + last);
            }
            Thread.sleep(100);
            last = read.get();
        }
        return last;
    }
}
