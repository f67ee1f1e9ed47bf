package io.mabeam.variables.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    static final CategoricalVariable OPTIMIZER = CategoricalVariable.of("optimizer", "sgd", "momentum", "adam");
    static final FloatVariable MOMENTUM = new FloatVariable(
            "momentum", 0.5, 0.99, false, null, Optional.of(new Condition("optimizer", List.of("momentum"))));
    static final SearchSpace SPACE = SearchSpace.of(
            IntVariable.uniform("n_layers", 1, 8), FloatVariable.logUniform("lr", 1e-5, 1e-1), OPTIMIZER, MOMENTUM);

    @Test
    void badDomainsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> FloatVariable.uniform("x", 2, 1))
                .hasMessageContaining("low (2.0) is above high (1.0)");
        assertThatThrownBy(() -> FloatVariable.logUniform("x", 0, 1)).hasMessageContaining("positive low bound");
        assertThatThrownBy(() -> FloatVariable.uniform("x", Double.NaN, 1)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new FloatVariable("x", 0.1, 1, true, 0.1, Optional.empty()))
                .hasMessageContaining("no step");
        assertThatThrownBy(() -> new IntVariable("n", 0, 10, true, 1, Optional.empty()))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new IntVariable("n", 0, 10, false, 0, Optional.empty()))
                .hasMessageContaining("step");
        assertThatThrownBy(() -> CategoricalVariable.of("c")).hasMessageContaining("at least one choice");
        assertThatThrownBy(() -> CategoricalVariable.of("c", 1, 1.0)).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> FloatVariable.uniform("1x", 0, 1)).hasMessageContaining("variable name");
    }

    @Test
    void gridsEndOnAGridPoint() {
        assertThat(new FloatVariable("x", 0, 1, false, 0.3, Optional.empty()).high())
                .isEqualTo(0.9, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(new IntVariable("n", 1, 10, false, 4, Optional.empty()).high())
                .isEqualTo(9);
    }

    @Test
    void conditionsNameAnEarlierParentAndValuesItCanTake() {
        assertThatThrownBy(() -> SearchSpace.of(MOMENTUM, OPTIMIZER)).hasMessageContaining("not declared before it");
        FloatVariable impossible =
                new FloatVariable("m", 0, 1, false, null, Optional.of(new Condition("optimizer", List.of("lbfgs"))));
        assertThatThrownBy(() -> SearchSpace.of(OPTIMIZER, impossible)).hasMessageContaining("never takes lbfgs");
        assertThatThrownBy(() -> SearchSpace.of(OPTIMIZER, OPTIMIZER)).hasMessageContaining("declared twice");
    }

    @Test
    void anAssignmentHasExactlyTheActiveVariablesWithValuesInTheirDomains() {
        assertThat(SPACE.check(Map.of("n_layers", 3, "lr", 0.01, "optimizer", "momentum", "momentum", 0.9)))
                .containsKeys("n_layers", "lr", "optimizer", "momentum");
        assertThat(SPACE.check(Map.of("n_layers", 3, "lr", 0.01, "optimizer", "adam")))
                .doesNotContainKey("momentum");
        assertThatThrownBy(() -> SPACE.check(Map.of("n_layers", 3, "lr", 0.01, "optimizer", "momentum")))
                .hasMessageContaining("momentum is active and needs a value");
        assertThatThrownBy(() -> SPACE.check(Map.of("n_layers", 3, "lr", 0.01, "optimizer", "adam", "momentum", 0.9)))
                .hasMessageContaining("not active");
        assertThatThrownBy(() -> SPACE.check(Map.of("n_layers", 3.5, "lr", 0.01, "optimizer", "adam")))
                .hasMessageContaining("outside the domain of n_layers");
        assertThatThrownBy(() -> SPACE.check(Map.of("n_layers", 3, "lr", 0.5, "optimizer", "adam")))
                .hasMessageContaining("outside the domain of lr");
        assertThatThrownBy(() -> SPACE.check(Map.of("n_layers", 3, "lr", 0.01, "optimizer", "adam", "extra", 1)))
                .hasMessageContaining("no variable extra");
    }
}
