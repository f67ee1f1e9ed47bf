package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.Suggestion;
import io.mabeam.optimization.entity.Trial;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortfolioSamplerTest {

    static InMemoryStudy run(PortfolioSampler sampler, int trials) {
        InMemoryStudy study = new InMemoryStudy(GpSamplerTest.SQUARE, List.of(Direction.MINIMIZE), sampler);
        study.optimize(p -> new double[] {GpSamplerTest.quadratic(p)}, trials);
        return study;
    }

    @Test
    void everyTrialIsAVickreyAuctionAmongTheAgentsWithCredits() {
        PortfolioSampler sampler = new PortfolioSampler(7, PortfolioSampler.Options.of(List.of("gp", "tpe", "random")));
        InMemoryStudy study = run(sampler, 30);
        for (Trial trial : study.trials()) {
            Map<String, Object> attributes = trial.systemAttributes();
            String winner = (String) attributes.get(PortfolioSampler.AGENT);
            long price = ((Number) attributes.get(PortfolioSampler.PRICE)).longValue();
            List<Long> bids = ((List<?>) attributes.get(PortfolioSampler.BIDS))
                    .stream().map(b -> ((Number) b).longValue()).toList();
            int index = List.of("gp", "tpe", "random").indexOf(winner);
            // the winner bid the most, and pays the highest other bid: never more than its own
            assertThat(bids.get(index))
                    .isEqualTo(bids.stream().mapToLong(Long::longValue).max().orElseThrow());
            long second = 0;
            for (int i = 0; i < bids.size(); i++) {
                if (i != index) {
                    second = Math.max(second, bids.get(i));
                }
            }
            assertThat(price).isEqualTo(second).isLessThanOrEqualTo(bids.get(index));
        }
        List<PortfolioSampler.Account> accounts = PortfolioSampler.accounts(study.history(), sampler.options());
        assertThat(accounts.stream().mapToInt(PortfolioSampler.Account::wins).sum())
                .isEqualTo(30);
        assertThat(accounts).allSatisfy(a -> assertThat(a.balance()).isNotNegative());
        assertThat(accounts.stream()
                        .mapToInt(PortfolioSampler.Account::improvements)
                        .sum())
                .isPositive();
        // before the appraiser has data the agents take turns
        assertThat(study.trials().subList(0, 6))
                .extracting(t -> t.systemAttributes().get(PortfolioSampler.AGENT))
                .containsExactly("gp", "tpe", "random", "gp", "tpe", "random");
        // the appraiser's favourite mostly wins once it has a model, and the study converges
        assertThat(accounts.get(0).wins()).isGreaterThan(15);
        assertThat(study.history().best().orElseThrow().value()).isLessThan(0.05);
    }

    @Test
    void theSameHistoryAndNumberGiveTheSameAuctionOnAnyNode() {
        PortfolioSampler first = new PortfolioSampler(3);
        InMemoryStudy study = run(first, 15);
        Suggestion a = new PortfolioSampler(3).suggest(study.history(), 15);
        Suggestion b = new PortfolioSampler(3).suggest(study.history(), 15);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void anAgentThatSpendsWithoutImprovingRunsOutOfCredits() {
        // no allowance and no prize: the first credits are all an agent ever has
        PortfolioSampler.Options tight =
                new PortfolioSampler.Options(List.of("gp", "random"), 1_000_000, 0, 1_000_000, 0);
        PortfolioSampler sampler = new PortfolioSampler(11, tight);
        InMemoryStudy study = run(sampler, 40);
        List<PortfolioSampler.Account> accounts = PortfolioSampler.accounts(study.history(), tight);
        assertThat(accounts).allSatisfy(a -> {
            assertThat(a.balance()).isNotNegative();
            assertThat(a.paid()).isLessThanOrEqualTo(1_000_000);
            assertThat(a.balance()).isEqualTo(1_000_000 - a.paid());
        });
    }

    @Test
    void badPortfoliosAreRefused() {
        assertThatThrownBy(() -> PortfolioSampler.Options.of(List.of("gp"))).hasMessageContaining("at least two");
        assertThatThrownBy(() -> PortfolioSampler.Options.of(List.of("gp", "gp")))
                .hasMessageContaining("once");
        assertThatThrownBy(() -> PortfolioSampler.Options.of(List.of("gp", "nsga2")))
                .hasMessageContaining("among");
        assertThatThrownBy(() -> Samplers.create(
                        jakarta.json.Json.createObjectBuilder()
                                .add("name", "portfolio")
                                .add("prize", -1)
                                .build(),
                        1,
                        GpSamplerTest.SQUARE))
                .hasMessageContaining("prize");
    }
}
