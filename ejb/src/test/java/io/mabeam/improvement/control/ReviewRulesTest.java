package io.mabeam.improvement.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.improvement.entity.NetworkShape;
import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.SearchSpace;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReviewRulesTest {

    static final Optional<NetworkShape> PENGUINS = Optional.of(new NetworkShape(6, 3, true, 206));

    static SearchSpace space(long maxLayers, long maxUnits) {
        return SearchSpace.of(
                IntVariable.uniform("layers", 1, maxLayers),
                IntVariable.uniform("units", 4, maxUnits),
                FloatVariable.logUniform("learning_rate", 1e-4, 1e-2));
    }

    @Test
    void aSmallNetworkWithinEveryLimitIsAcceptedWithItsWorstCaseCounted() {
        ReviewRules.Review review = ReviewRules.review(space(2, 16), PENGUINS, ReviewRules.Limits.defaults());
        assertThat(review.accept()).isTrue();
        assertThat(review.worstParameters()).as("6·16+16 + 16·16+16 + 16·3+3").isEqualTo(435);
        assertThat(review.worstMemoryMb()).isGreaterThan(0).isLessThan(1);
        assertThat(review.reasons()).anyMatch(r -> r.contains("435 parameters"));
    }

    @Test
    void rangesTheTenantDoesNotAllowAreRefused() {
        ReviewRules.Limits limits =
                new ReviewRules.Limits(Map.of("learning_rate", new double[] {1e-5, 1e-3}), 2_000_000, 512, 8);
        ReviewRules.Review review = ReviewRules.review(space(2, 16), PENGUINS, limits);
        assertThat(review.accept()).isFalse();
        assertThat(review.reasons()).singleElement().asString().contains("learning_rate", "leaves the range");
    }

    @Test
    void aNetworkOverTheParameterOrMemoryBudgetIsRefused() {
        ReviewRules.Review big = ReviewRules.review(space(8, 2048), PENGUINS, ReviewRules.Limits.defaults());
        assertThat(big.accept()).isFalse();
        assertThat(big.worstParameters()).isGreaterThan(2_000_000);
        assertThat(big.reasons()).anyMatch(r -> r.contains("parameters, more than the 2,000,000 allowed"));
        ReviewRules.Review tight =
                ReviewRules.review(space(3, 256), PENGUINS, new ReviewRules.Limits(Map.of(), 2_000_000, 1, 8));
        assertThat(tight.accept()).isFalse();
        assertThat(tight.reasons()).anyMatch(r -> r.contains("MB to train, more than the 1 MB allowed"));
        ReviewRules.Review deep =
                ReviewRules.review(space(6, 16), PENGUINS, new ReviewRules.Limits(Map.of(), 2_000_000, 512, 4));
        assertThat(deep.reasons()).anyMatch(r -> r.contains("up to 6 layers, more than the 4 allowed"));
    }

    @Test
    void aSpaceThatCannotBeADeeplearning4jNetworkIsRefused() {
        SearchSpace space = SearchSpace.of(
                IntVariable.uniform("units", 4, 16),
                new CategoricalVariable("activation", List.of("relu", "banana"), Optional.empty()));
        ReviewRules.Review review = ReviewRules.review(space, PENGUINS, ReviewRules.Limits.defaults());
        assertThat(review.accept()).isFalse();
        assertThat(review.reasons()).singleElement().asString().contains("not a valid Deeplearning4j configuration");
        ReviewRules.Review nine = ReviewRules.review(space(9, 16), PENGUINS, ReviewRules.Limits.defaults());
        assertThat(nine.accept()).isFalse();
    }

    @Test
    void withoutNetworksOnlyTheRangesAreJudged() {
        SearchSpace space = SearchSpace.of(FloatVariable.uniform("x", -5, 10));
        assertThat(ReviewRules.review(space, Optional.empty(), ReviewRules.Limits.defaults())
                        .accept())
                .isTrue();
        assertThat(ReviewRules.review(
                                space,
                                Optional.empty(),
                                new ReviewRules.Limits(Map.of("x", new double[] {0, 10}), 1, 1, 1))
                        .accept())
                .isFalse();
    }
}
