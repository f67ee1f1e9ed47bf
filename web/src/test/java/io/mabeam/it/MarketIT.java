package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Coordination and economics through the REST API on one node (Payara Micro, PostgreSQL): accounts and the
 * double-entry ledger, every auction kind settled by its rule, deadlines that close auctions by themselves,
 * proposals put to voter agents that are really asked, reputation from recorded trial outcomes as vote weights,
 * the portfolio sampler's market, and bad input refused without changing anything.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MarketIT {

    static final String ADMIN = Http.basic("admin", "it-admin-password-1");

    @ArquillianResource
    URL base;

    Http http;
    static String token;

    @Deployment(testable = false)
    static WebArchive mabeamWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("mabeam.war")));
    }

    @BeforeEach
    void client() throws Exception {
        http = new Http(new URI("http", null, "127.0.0.1", base.toURI().getPort(), "/", null, null));
        if (token == null) {
            Reply issued = http.postJson(
                    "api/v1/tokens", ADMIN, "{\"name\":\"market-it\",\"owner\":\"admin\",\"lifetimeDays\":1}");
            assertThat(issued.status()).as(issued.body()).isEqualTo(201);
            token = "Bearer " + issued.json().getString("secret");
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- accounts and ledger -------------------------------------------------------------------------------

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

    // ---- auctions --------------------------------------------------------------------------------------------

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

    @Test
    void badEconomicsRequestsAre4xxProblemsAndChangeNothing() {
        String tenant = funded("tenant", unique("capped"), ",\"spendCap\":8", 100);
        String agent = funded("agent", unique("poor"), ",\"tenant\":\"" + tenant + "\"", 5);
        String rich = funded("agent", unique("rich"), ",\"tenant\":\"" + tenant + "\"", 50);
        String seller = account("study", unique("seller"), "");
        String id = openAuction(
                        "{\"kind\":\"vickrey\",\"item\":\"x\",\"seller\":\"%s\",\"reserve\":1,\"duration\":\"PT5M\"}"
                                .formatted(seller))
                .getString("id");
        double before = books();

        assertProblem(bid(id, agent, "\"price\":6"), 422, "Insufficient credits");
        assertProblem(bid(id, rich, "\"price\":9"), 422, "Spending cap reached");
        assertProblem(bid(id, agent, "\"price\":-1"), 400, null);
        assertProblem(bid(id, agent, "\"price\":0.5"), 422, "Below the reserve");
        assertProblem(bid(id, agent, "\"price\":1.0000001"), 400, null);
        assertProblem(bid(id, agent, "\"unitPrices\":[2,1]"), 400, null);
        assertProblem(bid(id, "agent:nobody", "\"price\":2"), 404, null);
        assertProblem(bid(id, seller, "\"price\":2"), 400, null);
        assertProblem(bid(UUID.randomUUID().toString(), agent, "\"price\":2"), 404, null);
        assertThat(bid(id, agent, "\"price\":2").status()).isEqualTo(201);
        assertProblem(bid(id, agent, "\"price\":3"), 409, "Already bid");
        assertThat(balance(agent)).isEqualTo(3);
        close(id);
        assertProblem(bid(id, rich, "\"price\":2"), 409, "Auction closed");

        assertProblem(
                http.postJson(
                        "api/v1/auctions",
                        token,
                        "{\"kind\":\"penny\",\"item\":\"x\",\"seller\":\"%s\"}".formatted(seller)),
                400,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/auctions",
                        token,
                        "{\"kind\":\"vickrey\",\"item\":\"x\",\"seller\":\"%s\",\"units\":2}".formatted(seller)),
                400,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/auctions",
                        token,
                        "{\"kind\":\"vickrey\",\"item\":\"x\",\"seller\":\"%s\",\"reserve\":-3}".formatted(seller)),
                400,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/auctions",
                        token,
                        "{\"kind\":\"dutch\",\"item\":\"x\",\"seller\":\"%s\"}".formatted(seller)),
                400,
                null);
        assertProblem(
                http.postJson("api/v1/auctions", token, "{\"kind\":\"vickrey\",\"item\":\"x\",\"seller\":\"nobody\"}"),
                400,
                null);
        assertProblem(http.get("api/v1/auctions/" + UUID.randomUUID(), token), 404, null);
        assertProblem(
                http.postJson(
                        "api/v1/auctions",
                        token,
                        "{\"kind\":\"vcg\",\"item\":\"x\",\"seller\":\"%s\",\"units\":\"two\"}".formatted(seller)),
                400,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/auctions",
                        token,
                        "{\"kind\":\"vcg\",\"item\":\"x\",\"seller\":\"%s\",\"units\":1e30}".formatted(seller)),
                400,
                null);

        assertProblem(
                http.postJson(
                        "api/v1/transfers",
                        token,
                        "{\"from\":\"%s\",\"to\":\"%s\",\"amount\":-5}".formatted(agent, seller)),
                400,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/transfers",
                        token,
                        "{\"from\":\"%s\",\"to\":\"%s\",\"amount\":0}".formatted(agent, seller)),
                400,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/transfers",
                        token,
                        "{\"from\":\"%s\",\"to\":\"%s\",\"amount\":500}".formatted(rich, seller)),
                422,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/transfers",
                        token,
                        "{\"from\":\"%s\",\"to\":\"agent:nobody\",\"amount\":1}".formatted(rich)),
                404,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/transfers",
                        token,
                        "{\"from\":\"treasury\",\"to\":\"%s\",\"amount\":1}".formatted(rich)),
                400,
                null);
        assertProblem(http.postJson("api/v1/accounts/" + agent + "/deposits", token, "{\"amount\":-1}"), 400, null);
        assertProblem(http.putJson("api/v1/accounts/" + agent + "/cap", token, "{\"spendCap\":5}"), 400, null);
        assertProblem(http.putJson("api/v1/accounts/" + tenant + "/cap", token, "{\"spendCap\":-5}"), 400, null);
        assertProblem(http.putJson("api/v1/accounts/" + tenant + "/cap", token, "{}"), 400, null);
        assertProblem(http.putJson("api/v1/accounts/tenant:nobody/cap", token, "{\"spendCap\":5}"), 404, null);
        assertThat(http.get("api/v1/accounts/" + tenant, token)
                        .json()
                        .getJsonNumber("spendCap")
                        .doubleValue())
                .isEqualTo(8);
        assertProblem(http.postJson("api/v1/accounts", token, "{\"kind\":\"treasury\",\"owner\":\"me\"}"), 400, null);
        assertProblem(
                http.postJson(
                        "api/v1/accounts", token, "{\"kind\":\"agent\",\"owner\":\"" + agent.substring(6) + "\"}"),
                409,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/accounts",
                        Http.basic("admin", "wrong-password"),
                        "{\"kind\":\"agent\",\"owner\":\"intruder\"}"),
                401,
                null);

        assertThat(balance(agent)).as("its one valid bid won at the reserve, 1").isEqualTo(4);
        assertThat(balance(rich)).isEqualTo(50);
        assertThat(balance(seller)).isEqualTo(1);
        assertThat(books()).isEqualTo(before).isZero();
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

    // ---- consensus -------------------------------------------------------------------------------------------

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

    @Test
    void everyVoterIsAskedAndTheRuleDecides() throws Exception {
        String cautious = voter(unique("cautious"), "{\"accept\":{\"lr\":{\"max\":0.1}}}");
        String eager = voter(unique("eager"), "{\"accept\":{\"lr\":{\"min\":0.01}}}");
        String picky = voter(unique("picky"), "{\"accept\":{\"optimizer\":{\"in\":[\"adam\"]}}}");
        String electorate = "[\"%s\",\"%s\",\"%s\"]".formatted(cautious, eager, picky);
        JsonObject majority = decided(propose(
                        "{\"title\":\"lr 0.05 with sgd\",\"terms\":{\"lr\":0.05,\"optimizer\":\"sgd\"},\"electorate\":%s}"
                                .formatted(electorate))
                .getString("id"));
        assertThat(majority.getString("status")).isEqualTo("accepted");
        assertThat(majority.getJsonArray("votes").getValuesAs(JsonObject.class))
                .allSatisfy(v -> assertThat(v.getString("castBy")).isEqualTo("platform"))
                .extracting(v -> v.getString("agent") + "=" + v.getString("ballot"))
                .containsExactlyInAnyOrder(cautious + "=yes", eager + "=yes", picky + "=no");
        JsonObject tally = majority.getJsonArray("rounds").getJsonObject(0).getJsonObject("tally");
        assertThat(tally.getInt("yes")).isEqualTo(2);

        JsonObject unanimous = decided(propose(
                        ("{\"title\":\"same, unanimously\",\"terms\":{\"lr\":0.05,\"optimizer\":\"sgd\"},\"electorate\":%s,"
                                        + "\"rule\":{\"kind\":\"unanimous\"}}")
                                .formatted(electorate))
                .getString("id"));
        assertThat(unanimous.getString("status")).isEqualTo("rejected");

        // the objector counters with what it accepts; the second round carries the refined terms
        JsonObject negotiated = decided(
                propose(("{\"title\":\"negotiated\",\"terms\":{\"lr\":0.05,\"optimizer\":\"sgd\"},\"electorate\":%s,"
                                        + "\"rule\":{\"kind\":\"unanimous\"},\"rounds\":3}")
                                .formatted(electorate))
                        .getString("id"));
        assertThat(negotiated.getString("status")).isEqualTo("accepted");
        assertThat(negotiated.getInt("round")).isEqualTo(2);
        assertThat(negotiated.getJsonObject("terms").getString("optimizer")).isEqualTo("adam");
        List<JsonObject> events = events("proposal:" + negotiated.getString("id"));
        assertThat(events)
                .extracting(e -> e.getString("type"))
                .startsWith("ProposalOpened")
                .contains("VoteCast", "RoundClosed", "ProposalRefined")
                .endsWith("ProposalDecided");
    }

    @Test
    void aVoterThatDoesNotAnswerInTimeIsATimeoutNeverAYes() throws Exception {
        String quick = voter(unique("quick"), "{\"accept\":{\"x\":{\"max\":10}}}");
        String slow = voter(unique("slow"), "{\"accept\":{\"x\":{\"max\":10}},\"delay\":\"PT4S\"}");
        JsonObject unanimous = decided(propose(
                        ("{\"title\":\"x=1\",\"terms\":{\"x\":1},\"electorate\":[\"%s\",\"%s\"],\"rule\":{\"kind\":\"unanimous\",\"quorum\":1},"
                                        + "\"roundTimeout\":\"PT1S\"}")
                                .formatted(quick, slow))
                .getString("id"));
        assertThat(unanimous.getString("status")).isEqualTo("rejected");
        assertThat(unanimous.getJsonArray("votes").getValuesAs(JsonObject.class))
                .extracting(v -> v.getString("agent") + "=" + v.getString("ballot"))
                .containsExactlyInAnyOrder(quick + "=yes", slow + "=timeout");
        JsonObject quorum = decided(propose(
                        ("{\"title\":\"x=2\",\"terms\":{\"x\":2},\"electorate\":[\"%s\",\"%s\"],\"rule\":{\"quorum\":2},"
                                        + "\"roundTimeout\":\"PT1S\"}")
                                .formatted(quick, slow))
                .getString("id"));
        assertThat(quorum.getString("status"))
                .as("one answer of a quorum of two decides nothing")
                .isEqualTo("no-quorum");
    }

    @Test
    void reputationFromRecordedTrialOutcomesWeighsVotes() throws Exception {
        String trusted = voter(unique("trusted"), "{\"accept\":{\"plan\":{\"in\":[\"a\"]}}}");
        String flaky1 = voter(unique("flaky"), "{\"accept\":{\"plan\":{\"in\":[\"b\"]}}}");
        String flaky2 = voter(unique("flaky"), "{\"accept\":{\"plan\":{\"in\":[\"b\"]}}}");
        String study = unique("reputation");
        Reply created = http.postJson(
                "api/v1/studies",
                token,
                "{\"name\":\"%s\",\"searchSpace\":{\"variables\":[{\"name\":\"x\",\"type\":\"float\",\"low\":0,\"high\":1}]},\"sampler\":{\"name\":\"random\"}}"
                        .formatted(study));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        for (String worker : List.of(trusted, trusted, trusted, flaky1, flaky1, flaky1, flaky2, flaky2, flaky2)) {
            Reply asked = http.postJson(
                    "api/v1/studies/" + study + "/trials", token, "{\"worker\":\"%s\"}".formatted(worker));
            assertThat(asked.status()).as(asked.body()).isEqualTo(201);
            long number = asked.json().getJsonNumber("number").longValue();
            String outcome = worker.equals(trusted) ? "{\"values\":[0.5]}" : "{\"state\":\"failed\"}";
            Reply told = http.postJson("api/v1/studies/" + study + "/trials/" + number + "/tell", token, outcome);
            assertThat(told.status()).as(told.body()).isEqualTo(200);
        }
        double trustedScore = http.get("api/v1/reputation/" + trusted, token)
                .json()
                .getJsonNumber("score")
                .doubleValue();
        double flakyScore = http.get("api/v1/reputation/" + flaky1, token)
                .json()
                .getJsonNumber("score")
                .doubleValue();
        assertThat(trustedScore).isGreaterThan(0.8);
        assertThat(flakyScore).isLessThan(0.2);
        assertThat(http.get("api/v1/reputation", token)
                        .json()
                        .getJsonArray("agents")
                        .getValuesAs(JsonObject.class))
                .extracting(r -> r.getString("agent"))
                .contains(trusted, flaky1, flaky2);

        // placement on a node goes to agents with a good enough reputation
        String trustedAccount = funded("agent", trusted, "", 5);
        String flakyAccount = funded("agent", flaky1, "", 5);
        String studyAccount = funded("study", unique("bidder"), "", 5);
        Reply placement = http.postJson(
                "api/v1/auctions/placements", token, "{\"node\":\"it-node\",\"slots\":1,\"duration\":\"PT5M\"}");
        assertThat(placement.status()).as(placement.body()).isEqualTo(201);
        String slot = placement.json().getString("id");
        assertThat(placement.json().getString("seller")).isEqualTo("treasury");
        assertProblem(bid(slot, flakyAccount, "\"price\":2"), 422, "Reputation too low");
        assertProblem(bid(slot, studyAccount, "\"price\":2"), 422, "Not an agent");
        assertThat(bid(slot, trustedAccount, "\"price\":2").status()).isEqualTo(201);
        assertThat(payment(close(slot), trustedAccount)).isZero();
        assertProblem(
                http.postJson("api/v1/auctions/placements", token, "{\"node\":\"nowhere\",\"slots\":1}"), 400, null);
        assertProblem(
                http.postJson("api/v1/auctions/placements", token, "{\"node\":\"it-node\",\"slots\":0}"), 400, null);
        assertProblem(
                http.postJson(
                        "api/v1/auctions/placements", token, "{\"node\":\"it-node\",\"slots\":1,\"kind\":\"english\"}"),
                400,
                null);

        String electorate = "[\"%s\",\"%s\",\"%s\"]".formatted(trusted, flaky1, flaky2);
        JsonObject equal = decided(
                propose("{\"title\":\"plan a\",\"terms\":{\"plan\":\"a\"},\"electorate\":%s}".formatted(electorate))
                        .getString("id"));
        assertThat(equal.getString("status")).isEqualTo("rejected");
        JsonObject weighted = decided(propose(
                        "{\"title\":\"plan a, weighted\",\"terms\":{\"plan\":\"a\"},\"electorate\":%s,\"rule\":{\"weighting\":\"reputation\"}}"
                                .formatted(electorate))
                .getString("id"));
        assertThat(weighted.getString("status")).isEqualTo("accepted");
        assertThat(weighted.getJsonArray("votes").getValuesAs(JsonObject.class))
                .filteredOn(v -> v.getString("agent").equals(trusted))
                .singleElement()
                .satisfies(v -> assertThat(v.getJsonNumber("weight").doubleValue())
                        .as("its reputation when it voted (decaying since it was read)")
                        .isCloseTo(trustedScore, org.assertj.core.data.Offset.offset(1e-4)));
    }

    @Test
    void votesThroughTheApiAreCheckedAndADuplicateVoteChangesNothing() throws Exception {
        String slow = voter(unique("slow"), "{\"accept\":{\"x\":{\"max\":10}},\"delay\":\"PT20S\"}");
        String other = voter(unique("other"), "{\"accept\":{\"x\":{\"max\":10}},\"delay\":\"PT20S\"}");
        String id = propose(
                        ("{\"title\":\"x=3\",\"terms\":{\"x\":3},\"electorate\":[\"%s\",\"%s\"],\"roundTimeout\":\"PT10S\"}")
                                .formatted(slow, other))
                .getString("id");
        Reply cast = http.postJson(
                "api/v1/proposals/" + id + "/votes",
                token,
                "{\"agent\":\"%s\",\"ballot\":\"no\",\"counter\":{\"x\":2},\"reason\":\"operator overrides\"}"
                        .formatted(slow));
        assertThat(cast.status()).as(cast.body()).isEqualTo(201);
        assertProblem(
                http.postJson(
                        "api/v1/proposals/" + id + "/votes",
                        token,
                        "{\"agent\":\"%s\",\"ballot\":\"yes\"}".formatted(slow)),
                409,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/proposals/" + id + "/votes",
                        token,
                        "{\"agent\":\"%s\",\"ballot\":\"maybe\"}".formatted(other)),
                400,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/proposals/" + id + "/votes", token, "{\"agent\":\"stranger\",\"ballot\":\"yes\"}"),
                400,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/proposals/" + id + "/votes",
                        token,
                        "{\"agent\":\"%s\",\"ballot\":\"yes\",\"counter\":{\"x\":1}}".formatted(other)),
                400,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/proposals/" + UUID.randomUUID() + "/votes",
                        token,
                        "{\"agent\":\"a\",\"ballot\":\"yes\"}"),
                404,
                null);
        JsonObject now = http.get("api/v1/proposals/" + id, token).json();
        assertThat(now.getJsonArray("votes").getValuesAs(JsonObject.class))
                .extracting(v -> v.getString("agent") + "=" + v.getString("ballot") + " by " + v.getString("castBy"))
                .containsExactly(slow + "=no by admin");
        assertThat(http.postJson(
                                "api/v1/proposals/" + id + "/votes",
                                token,
                                "{\"agent\":\"%s\",\"ballot\":\"yes\"}".formatted(other))
                        .status())
                .isEqualTo(201);
        JsonObject decided = decided(id);
        assertThat(decided.getString("status")).isEqualTo("rejected");
        assertProblem(
                http.postJson(
                        "api/v1/proposals/" + id + "/votes",
                        token,
                        "{\"agent\":\"%s\",\"ballot\":\"yes\"}".formatted(other)),
                409,
                null);

        assertProblem(
                http.postJson(
                        "api/v1/proposals", token, "{\"title\":\"no terms\",\"electorate\":[\"%s\"]}".formatted(slow)),
                400,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/proposals",
                        token,
                        "{\"title\":\"t\",\"terms\":{\"x\":1},\"electorate\":[\"not-a-voter\"]}"),
                400,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/proposals",
                        token,
                        "{\"title\":\"t\",\"terms\":{\"x\":1},\"electorate\":[\"%s\"],\"rule\":{\"kind\":\"dictator\"}}"
                                .formatted(slow)),
                400,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/proposals",
                        token,
                        "{\"title\":\"t\",\"terms\":{\"x\":1},\"electorate\":[\"%s\"],\"rule\":{\"quorum\":5}}"
                                .formatted(slow)),
                400,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/proposals",
                        token,
                        "{\"title\":\"t\",\"terms\":{\"x\":1},\"electorate\":[\"%s\",\"%s\"]}".formatted(slow, slow)),
                400,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/proposals",
                        token,
                        "{\"title\":\"t\",\"terms\":{\"x\":1},\"electorate\":[\"%s\"],\"roundTimeout\":\"PT0S\"}"
                                .formatted(slow)),
                400,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/proposals",
                        token,
                        "{\"title\":\"t\",\"terms\":{\"x\":1},\"electorate\":[\"%s\"],\"rounds\":99999999999}"
                                .formatted(slow)),
                400,
                null);
        assertProblem(
                http.postJson(
                        "api/v1/proposals",
                        token,
                        "{\"title\":\"t\",\"terms\":{\"x\":1},\"electorate\":[\"%s\"],\"rounds\":1.5}".formatted(slow)),
                400,
                null);
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

    @Test
    void theConsoleOpensFundsAuctionsAndProposesAndShowsBalancesAwardsLedgerAndVotes() throws Exception {
        String owner = unique("console");
        String bidder = funded("agent", unique("console-bidder"), "", 9);
        String voter = voter(unique("console-voter"), "{\"accept\":{\"lr\":{\"max\":0.1}}}");
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", "it-admin-password-1");
            browser.go("console/market.xhtml");
            browser.select("market:accountKind", "tenant");
            browser.type("market:accountOwner", owner);
            browser.click("market:openAccount");
            assertThat(browser.awaitText("#market\\:messages", "Opened account"))
                    .contains("tenant:" + owner);
            browser.type("market:depositAccount", "tenant:" + owner);
            browser.type("market:depositAmount", "25.5");
            browser.click("market:deposit");
            assertThat(browser.awaitText("#market\\:messages", "Deposited")).contains("25.5");
            assertThat(browser.textOfRowWith("market:accounts", "tenant:" + owner))
                    .contains("25.5");

            browser.select("market:auctionKind", "vickrey");
            browser.type("market:auctionItem", "console slot");
            browser.type("market:auctionSeller", "tenant:" + owner);
            browser.click("market:openAuction");
            String opened = browser.awaitText("#market\\:messages", "Opened auction");
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("Opened auction ([0-9a-f-]{36})")
                    .matcher(opened);
            assertThat(id.find()).as(opened).isTrue();
            String auction = id.group(1);
            assertThat(browser.awaitText("#market\\:openAuctions", auction)).contains("console slot");
            browser.type("market:bidAuction", auction);
            browser.type("market:bidBidder", bidder);
            browser.type("market:bidPrices", "3");
            browser.click("market:bid");
            assertThat(browser.awaitText("#market\\:messages", "Bid placed")).contains(bidder);
            browser.click(browser.idOfButtonInRowWith("market:openAuctions", auction));
            assertThat(browser.awaitText("#market\\:closedAuctions", auction)).contains(bidder + " ×1 for 0");
            browser.type("market:ledgerAccount", bidder);
            browser.click("market:showLedger");
            assertThat(browser.awaitText("#market\\:ledger", "auction-settlement"))
                    .contains("auction-hold");

            String title = unique("console-proposal");
            browser.type("market:proposalTitle", title);
            browser.type("market:proposalTerms", "{\"lr\": 0.05}");
            browser.type("market:proposalElectorate", voter);
            browser.click("market:openProposal");
            assertThat(browser.awaitText("#market\\:messages", "Put proposal")).contains("1 agent(s)");
            await(
                    "the proposal decided",
                    () -> http.get("api/v1/proposals?status=accepted", token).body(),
                    body -> body.contains(title),
                    Duration.ofSeconds(20));
            browser.go("console/market.xhtml"); // a fresh page, not the table as it was before the decision
            assertThat(browser.awaitText("#market\\:proposals", title))
                    .contains("accepted")
                    .contains("yes 1");

            // a Dutch clock and a placement auction from the same forms
            browser.select("market:auctionKind", "dutch");
            browser.type("market:auctionItem", "console clock");
            browser.type("market:auctionSeller", "tenant:" + owner);
            browser.type("market:auctionStartPrice", "5");
            browser.type("market:auctionDecrement", "1");
            browser.type("market:auctionTick", "PT1S");
            browser.click("market:openAuction");
            browser.awaitText("#market\\:messages", "Opened auction");
            assertThat(browser.awaitText("#market\\:openAuctions", "console clock"))
                    .contains("dutch");
            browser.type("market:placementNode", "it-node");
            browser.type("market:placementSlots", "2");
            browser.click("market:openPlacement");
            assertThat(browser.awaitText("#market\\:messages", "Opened placement auction"))
                    .contains("placement:it-node");

            // a portfolio study's market
            String study = unique("console-portfolio");
            Reply created = http.postJson(
                    "api/v1/studies",
                    token,
                    "{\"name\":\"%s\",\"searchSpace\":{\"variables\":[{\"name\":\"x\",\"type\":\"float\",\"low\":0,\"high\":1}]},\"sampler\":{\"name\":\"portfolio\"}}"
                            .formatted(study));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            for (int i = 0; i < 3; i++) {
                JsonObject trial = http.postJson("api/v1/studies/" + study + "/trials", token, "{}")
                        .json();
                Reply told = http.postJson(
                        "api/v1/studies/" + study + "/trials/" + trial.getInt("number") + "/tell",
                        token,
                        "{\"values\":[%d]}".formatted(i));
                assertThat(told.status()).as(told.body()).isEqualTo(200);
            }
            browser.type("market:marketStudy", study);
            browser.click("market:showStudyMarket");
            assertThat(browser.awaitText("#market\\:studyMarket", "sobol"))
                    .contains("gp")
                    .contains("tpe")
                    .contains("cmaes");
        }
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
