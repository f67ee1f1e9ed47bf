package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The console's market page in a real browser: open and fund accounts, run auctions, put proposals, and see
 * balances, awards, the ledger and the votes.
 */
class MarketConsoleIT extends MarketNode {

    @Test
    void theConsoleOpensFundsAuctionsAndProposesAndShowsBalancesAwardsLedgerAndVotes() throws Exception {
        String owner = unique("console");
        String bidder = funded("agent", unique("console-bidder"), "", 9);
        String voter = voter(unique("console-voter"), "{\"accept\":{\"lr\":{\"max\":0.1}}}");
        try (ConsoleBrowser browser = ConsoleBrowser.open(http.base().toString())) {
            browser.go("console/login.xhtml");
            browser.logIn("admin", ADMIN_PASSWORD);
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
}
