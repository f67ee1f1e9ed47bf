package io.mabeam.consensus.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.foundation.api.boundary.JsonBinding;
import jakarta.json.JsonException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How proposal and vote bodies bind: what the domain checks further is tested in ConsensusIT. */
class ProposalBodiesTest {

    private final Jsonb jsonb = new JsonBinding().getContext(ProposalsResource.ProposalRequest.class);

    @Test
    void aProposalBindsItsTermsAndRuleAsObjectsAndKeepsItsDefaults() {
        ProposalsResource.ProposalRequest request = jsonb.fromJson(
                "{\"title\": \"t\", \"terms\": {\"x\": [1, {\"y\": null}]}, \"electorate\": [\"a\", \"b\"],"
                        + " \"rule\": {\"kind\": \"majority\"}, \"rounds\": 3}",
                ProposalsResource.ProposalRequest.class);
        assertThat(request.title).isEqualTo("t");
        assertThat(request.terms.getJsonArray("x").getJsonObject(1).isNull("y")).isTrue();
        assertThat(request.electorate).containsExactly("a", "b");
        assertThat(request.rule.getString("kind")).isEqualTo("majority");
        assertThat(request.rounds).isEqualTo(3);
        assertThat(request.roundTimeout).isEqualTo(Duration.ofSeconds(5));
        assertThat(request.capability).isNull();
    }

    @Test
    void termsThatAreNotAnObjectAndBadCountsAreRefused() {
        for (String bad : new String[] {
            "{\"terms\": 5}",
            "{\"terms\": [1]}",
            "{\"rule\": \"majority\"}",
            "{\"rounds\": 1.5}",
            "{\"rounds\": 99999999999}",
            "{\"roundTimeout\": 5}",
            "{\"electorate\": \"a\"}",
            "{\"titel\": \"typo\"}"
        }) {
            assertThatThrownBy(() -> jsonb.fromJson(bad, ProposalsResource.ProposalRequest.class))
                    .as(bad)
                    .isInstanceOf(JsonbException.class);
        }
    }

    @Test
    void termsNestedPastTheParsersDepthAreRefusedAsMalformed() {
        String deep = "{\"terms\": " + "{\"a\":".repeat(2000) + "1" + "}".repeat(2000) + "}";
        assertThatThrownBy(() -> jsonb.fromJson(deep, ProposalsResource.ProposalRequest.class))
                .isInstanceOfAny(JsonbException.class, JsonException.class);
    }

    @Test
    void aVoteBindsItsCounterAsAnObject() {
        ProposalsResource.VoteRequest vote = jsonb.fromJson(
                "{\"agent\": \"a\", \"ballot\": \"no\", \"counter\": {\"price\": 3}, \"reason\": \"too dear\"}",
                ProposalsResource.VoteRequest.class);
        assertThat(vote.counter.getInt("price")).isEqualTo(3);
        assertThat(vote.reason).isEqualTo("too dear");
        assertThatThrownBy(() -> jsonb.fromJson("{\"counter\": 1}", ProposalsResource.VoteRequest.class))
                .isInstanceOf(JsonbException.class);
    }
}
