package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Proposals put to voter agents that are really asked: decision rules, negotiation rounds, timeouts that are
 * never a yes, reputation from recorded trial outcomes as vote weights, and votes cast through the API.
 */
class ConsensusIT extends MarketNode {

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
        int proposalsBefore = http.get("api/v1/proposals?limit=500", token)
                .json()
                .getJsonArray("proposals")
                .size();
        for (String bad : new String[] {
            "{\"title\":\"t\",\"terms\":5,\"electorate\":[\"%s\"]}",
            "{\"title\":\"t\",\"terms\":{\"x\":1},\"electorate\":[\"%s\"],\"rule\":\"majority\"}",
            "{\"title\":\"t\",\"terms\":{\"x\":1},\"electorate\":[\"%s\"],\"roundTimeout\":5}",
            "{\"title\":\"t\",\"terms\":{\"x\":1},\"electorate\":\"%s\"}",
            "{\"title\":\"t\",\"terms\":{\"x\":1},\"electorate\":[\"%s\"],\"round\":2}",
            "{\"title\":\"t\",\"terms\":{\"x\":1},\"electorate\":[\"%s\"]"
        }) {
            assertProblem(http.postJson("api/v1/proposals", token, bad.formatted(slow)), 400, null);
        }
        assertProblem(http.postJson("api/v1/proposals", token, ""), 400, null);
        assertThat(http.get("api/v1/proposals?limit=500", token)
                        .json()
                        .getJsonArray("proposals")
                        .size())
                .isEqualTo(proposalsBefore);
    }
}
