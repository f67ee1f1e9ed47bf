package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every auction kind settled by its rule (sealed first- and second-price, English, Dutch), deadlines that close
 * auctions by themselves exactly once, and the portfolio sampler's market that auctions every trial.
 */
class AuctionsIT extends MarketNode {

    @Test
    void sealedAuctionsSettleByTheirRuleAndRefundEveryoneElse() {
        String seller = account("study", unique("seller"), "");
        String a = funded("agent", unique("a"), "", 20);
        String b = funded("agent", unique("b"), "", 20);
        String c = funded("agent", unique("c"), "", 20);

        JsonObject vickrey = openAuction(
                "{\"kind\":\"vickrey\",\"item\":\"trial slot\",\"seller\":\"%s\",\"reserve\":2,\"duration\":\"PT5M\"}"
                        .formatted(seller));
        String id = vickrey.getString("id");
        assertThat(bid(id, a, "\"price\":10").status()).isEqualTo(201);
        assertThat(bid(id, b, "\"price\":7").status()).isEqualTo(201);
        Reply third = bid(id, c, "\"price\":3");
        assertThat(third.status()).isEqualTo(201);
        // sealed: the count is public, the bids are not, and each bid's total is held
        assertThat(third.json().getInt("bidCount")).isEqualTo(3);
        assertThat(third.json().getJsonArray("bids")).isEmpty();
        assertThat(balance(a)).isEqualTo(10);
        JsonObject closed = close(id);
        assertThat(closed.getString("status")).isEqualTo("closed");
        assertThat(awards(closed)).hasSize(1);
        assertThat(payment(closed, a)).as("the second-highest bid").isEqualTo(7);
        assertThat(balance(a)).isEqualTo(13);
        assertThat(balance(b)).isEqualTo(20);
        assertThat(balance(c)).isEqualTo(20);
        assertThat(balance(seller)).isEqualTo(7);
        assertThat(closed.getJsonArray("bids").getValuesAs(JsonObject.class))
                .extracting(x -> x.getString("status"))
                .containsExactly("won", "lost", "lost");
        assertThat(close(id).getString("closedAt"))
                .as("closing again changes nothing")
                .isEqualTo(closed.getString("closedAt"));
        assertThat(balance(seller)).isEqualTo(7);

        JsonObject first = openAuction(
                "{\"kind\":\"sealed-first-price\",\"item\":\"gpu hour\",\"seller\":\"%s\",\"duration\":\"PT5M\"}"
                        .formatted(seller));
        bid(first.getString("id"), b, "\"price\":4");
        bid(first.getString("id"), c, "\"price\":5");
        assertThat(payment(close(first.getString("id")), c)).isEqualTo(5);

        // three units; a wants two (10, 8), b two (9, 4), c one (6): a wins 2, b 1
        String uniform = openAuction(
                        "{\"kind\":\"uniform-price\",\"item\":\"node slots\",\"units\":3,\"seller\":\"%s\",\"duration\":\"PT5M\"}"
                                .formatted(seller))
                .getString("id");
        String vcg = openAuction(
                        "{\"kind\":\"vcg\",\"item\":\"node slots\",\"units\":3,\"seller\":\"%s\",\"duration\":\"PT5M\"}"
                                .formatted(seller))
                .getString("id");
        String x = funded("agent", unique("x"), "", 40);
        String y = funded("agent", unique("y"), "", 40);
        String z = funded("agent", unique("z"), "", 40);
        for (String auction : List.of(uniform, vcg)) {
            assertThat(bid(auction, x, "\"unitPrices\":[10,8]").status()).isEqualTo(201);
            assertThat(bid(auction, y, "\"unitPrices\":[9,4]").status()).isEqualTo(201);
            assertThat(bid(auction, z, "\"unitPrices\":[6]").status()).isEqualTo(201);
        }
        JsonObject uniformResult = close(uniform);
        assertThat(uniformResult
                        .getJsonObject("result")
                        .getJsonNumber("unitPrice")
                        .doubleValue())
                .isEqualTo(6);
        assertThat(payment(uniformResult, x)).isEqualTo(12);
        assertThat(payment(uniformResult, y)).isEqualTo(6);
        JsonObject vcgResult = close(vcg);
        assertThat(payment(vcgResult, x))
                .as("19 the others would have had, less 9 they keep")
                .isEqualTo(10);
        assertThat(payment(vcgResult, y)).as("24 less 18").isEqualTo(6);
        assertThat(balance(x)).isEqualTo(40 - 12 - 10);
        assertThat(balance(z)).isEqualTo(40);
        assertThat(books()).isZero();
    }

    @Test
    void openAuctionsShowTheirBidsEnglishRefundsTheOutbidAndDutchGoesToTheFirstTaker() throws Exception {
        String seller = account("study", unique("seller"), "");
        String a = funded("agent", unique("a"), "", 50);
        String b = funded("agent", unique("b"), "", 50);
        String english = openAuction(
                        "{\"kind\":\"english\",\"item\":\"model\",\"seller\":\"%s\",\"reserve\":5,\"increment\":1,\"duration\":\"PT5M\"}"
                                .formatted(seller))
                .getString("id");
        assertThat(bid(english, a, "\"price\":5").status()).isEqualTo(201);
        Reply tooLow = bid(english, b, "\"price\":5.5");
        assertThat(tooLow.status()).isEqualTo(409);
        assertThat(tooLow.isProblem()).isTrue();
        Reply raised = bid(english, b, "\"price\":6");
        assertThat(raised.status()).isEqualTo(201);
        assertThat(raised.json().getJsonNumber("minimumBid").doubleValue()).isEqualTo(7);
        assertThat(raised.json().getJsonArray("bids").getValuesAs(JsonObject.class))
                .extracting(x -> x.getString("status"))
                .containsExactly("outbid", "standing");
        assertThat(balance(a)).as("the outbid bid is refunded at once").isEqualTo(50);
        assertThat(balance(b)).isEqualTo(44);
        assertThat(payment(close(english), b)).isEqualTo(6);

        String dutch = openAuction(
                        ("{\"kind\":\"dutch\",\"item\":\"dataset\",\"seller\":\"%s\",\"reserve\":2,\"startPrice\":10,"
                                        + "\"decrement\":1,\"tick\":\"PT0.5S\",\"duration\":\"PT5M\"}")
                                .formatted(seller))
                .getString("id");
        Thread.sleep(1_600);
        Reply taken = bid(dutch, a, "\"price\":9");
        assertThat(taken.status()).as(taken.body()).isEqualTo(201);
        JsonObject result = taken.json();
        assertThat(result.getString("status")).as("the first taker ends it").isEqualTo("closed");
        double price = payment(result, a);
        assertThat(price).isBetween(2.0, 7.0);
        assertThat(balance(a)).isEqualTo(50 - price);
        assertThat(bid(dutch, b, "\"price\":9").status())
                .as("a bid after the close")
                .isEqualTo(409);
        assertThat(books()).isZero();
    }

    @Test
    void anAuctionClosesByItselfAtItsDeadlineExactlyOnce() throws Exception {
        String seller = account("tenant", unique("seller"), "");
        String a = funded("agent", unique("a"), "", 5);
        String id = openAuction("{\"kind\":\"vickrey\",\"item\":\"slot\",\"seller\":\"%s\",\"duration\":\"PT1S\"}"
                        .formatted(seller))
                .getString("id");
        assertThat(bid(id, a, "\"price\":3").status()).isEqualTo(201);
        JsonObject closed = await(
                "auction " + id + " closed",
                () -> http.get("api/v1/auctions/" + id, token).json(),
                auction -> auction.getString("status").equals("closed"),
                Duration.ofSeconds(15));
        assertThat(closed.getString("closedBy")).isEqualTo("it-node");
        assertThat(payment(closed, a)).as("no second bid and no reserve").isZero();
        Thread.sleep(1_000);
        List<JsonObject> events = events("auction:" + id);
        assertThat(events)
                .extracting(e -> e.getString("type"))
                .containsExactly("AuctionOpened", "BidPlaced", "AuctionClosed");
        assertThat(http.get("api/v1/auctions/" + id + "/result", token)
                        .json()
                        .getJsonNumber("revenue")
                        .doubleValue())
                .isZero();
        assertThat(balance(a)).isEqualTo(5);
    }

    // ---- the market that schedules trials --------------------------------------------------------------------

    @Test
    void aPortfolioStudyAuctionsEveryTrialAmongItsAgentsAndShowsItsMarket() {
        String study = unique("portfolio");
        Reply created = http.postJson(
                "api/v1/studies",
                token,
                ("{\"name\":\"%s\",\"searchSpace\":{\"variables\":[{\"name\":\"x\",\"type\":\"float\",\"low\":-5,\"high\":5},"
                                + "{\"name\":\"y\",\"type\":\"float\",\"low\":-5,\"high\":5}]},"
                                + "\"sampler\":{\"name\":\"portfolio\",\"members\":[\"gp\",\"tpe\",\"random\"]},\"seed\":3}")
                        .formatted(study));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        for (int i = 0; i < 16; i++) {
            JsonObject trial = http.postJson("api/v1/studies/" + study + "/trials", token, "{}")
                    .json();
            double x = trial.getJsonObject("parameters").getJsonNumber("x").doubleValue();
            double y = trial.getJsonObject("parameters").getJsonNumber("y").doubleValue();
            Reply told = http.postJson(
                    "api/v1/studies/" + study + "/trials/" + trial.getInt("number") + "/tell",
                    token,
                    "{\"values\":[%s]}".formatted(x * x + y * y));
            assertThat(told.status()).as(told.body()).isEqualTo(200);
        }
        List<JsonObject> agents = http.get("api/v1/studies/" + study + "/market", token)
                .json()
                .getJsonArray("agents")
                .getValuesAs(JsonObject.class);
        assertThat(agents).extracting(a -> a.getString("agent")).containsExactly("gp", "tpe", "random");
        assertThat(agents.stream().mapToInt(a -> a.getInt("wins")).sum()).isEqualTo(16);
        assertThat(agents.stream().mapToInt(a -> a.getInt("improvements")).sum())
                .isPositive();
        assertThat(agents)
                .allSatisfy(a ->
                        assertThat(a.getJsonNumber("balance").doubleValue()).isNotNegative());

        String plain = unique("plain");
        http.postJson(
                "api/v1/studies",
                token,
                "{\"name\":\"%s\",\"searchSpace\":{\"variables\":[{\"name\":\"x\",\"type\":\"float\",\"low\":0,\"high\":1}]}}"
                        .formatted(plain));
        assertProblem(http.get("api/v1/studies/" + plain + "/market", token), 409, null);
        assertProblem(
                http.postJson(
                        "api/v1/studies",
                        token,
                        "{\"name\":\"%s\",\"searchSpace\":{\"variables\":[{\"name\":\"x\",\"type\":\"float\",\"low\":0,\"high\":1}]},\"sampler\":{\"name\":\"portfolio\",\"members\":[\"gp\"]}}"
                                .formatted(unique("lonely"))),
                400,
                null);
    }
}
