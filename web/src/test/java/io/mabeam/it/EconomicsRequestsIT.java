package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bad economics requests (accounts, transfers, auctions, bids) are 4xx problems and change nothing.
 */
class EconomicsRequestsIT extends MarketNode {

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

    @Test
    void malformedEconomicsBodiesAre400ProblemsAndChangeNothing() {
        String tenant = funded("tenant", unique("bodies"), ",\"spendCap\":8", 10);
        String agent = funded("agent", unique("bodies"), ",\"tenant\":\"" + tenant + "\"", 5);
        String seller = account("study", unique("bodies-seller"), "");
        String id = openAuction("{\"kind\":\"vickrey\",\"item\":\"x\",\"seller\":\"%s\",\"duration\":\"PT5M\"}"
                        .formatted(seller))
                .getString("id");
        double before = books();

        assertProblem(http.postJson("api/v1/accounts", token, ""), 400, null);
        assertProblem(http.postJson("api/v1/accounts", token, "{\"kind\":7,\"owner\":\"x\"}"), 400, null);
        assertProblem(
                http.postJson("api/v1/accounts", token, "{\"kind\":\"agent\",\"owner\":\"x\",\"spendCap\":\"5\"}"),
                400,
                null);
        assertProblem(http.postJson("api/v1/accounts/" + agent + "/deposits", token, "{\"amount\":\"10\"}"), 400, null);
        assertProblem(
                http.postJson("api/v1/accounts/" + agent + "/deposits", token, "{\"amount\":1,\"amonut\":1}"),
                400,
                null);
        assertProblem(http.postJson("api/v1/accounts/" + agent + "/deposits", token, "{}"), 400, null);
        assertProblem(http.putJson("api/v1/accounts/" + tenant + "/cap", token, "{\"spendCap\":\"9\"}"), 400, null);
        assertProblem(http.putJson("api/v1/accounts/" + tenant + "/cap", token, ""), 400, null);
        assertProblem(
                http.postJson(
                        "api/v1/transfers",
                        token,
                        "{\"from\":\"%s\",\"to\":\"%s\",\"amount\":[1]}".formatted(agent, seller)),
                400,
                null);
        assertProblem(
                http.postJson("api/v1/transfers", token, "{\"from\":\"%s\",\"to\":7,\"amount\":1}".formatted(agent)),
                400,
                null);
        assertProblem(bid(id, agent, "\"price\":\"2\""), 400, null);
        assertProblem(bid(id, agent, "\"price\":2,\"unitPrices\":[2]"), 400, null);
        assertProblem(bid(id, agent, "\"unitPrices\":[null]"), 400, null);
        assertProblem(bid(id, agent, "\"price\":2,\"prize\":2"), 400, null);
        assertProblem(
                http.postJson(
                        "api/v1/auctions",
                        token,
                        "{\"kind\":\"vickrey\",\"item\":\"x\",\"seller\":\"%s\",\"duration\":300}".formatted(seller)),
                400,
                null);
        assertProblem(http.postJson("api/v1/auctions/" + id + "/close", token, "{\"now\":true}"), 400, null);

        assertThat(balance(agent)).isEqualTo(5);
        assertThat(http.get("api/v1/accounts/" + tenant, token)
                        .json()
                        .getJsonNumber("spendCap")
                        .doubleValue())
                .isEqualTo(8);
        assertThat(http.get("api/v1/auctions/" + id, token).json().getInt("bidCount"))
                .isZero();
        assertThat(books()).isEqualTo(before).isZero();
        // an explicit null still removes a cap, an empty body still closes an auction
        assertThat(http.putJson("api/v1/accounts/" + tenant + "/cap", token, "{\"spendCap\":null}")
                        .json()
                        .containsKey("spendCap"))
                .isFalse();
        close(id);
    }
}
