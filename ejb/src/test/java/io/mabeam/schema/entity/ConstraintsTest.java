package io.mabeam.schema.entity;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConstraintsTest {

    private static final Validator VALIDATOR =
            Validation.buildDefaultValidatorFactory().getValidator();

    record Prediction(
            @Probability Double confidence,
            @ProbabilityVector Map<String, Double> probabilities,
            @Embedding(dimension = 3) double[] embedding,
            @TensorShape({-1, 2}) List<List<Double>> inputs) {}

    private static Set<String> violations(Prediction prediction) {
        return VALIDATOR.validate(prediction).stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessage())
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void acceptsWellFormedValues() {
        Prediction fine = new Prediction(
                0.7,
                Map.of("a", 0.7, "b", 0.2, "c", 0.1),
                new double[] {0.5, -1, 2},
                List.of(List.of(1.0, 2.0), List.of(3.0, 4.0)));
        assertThat(violations(fine)).isEmpty();
        assertThat(violations(new Prediction(null, null, null, null))).isEmpty();
    }

    @Test
    void refusesImpossibleProbabilities() {
        assertThat(violations(new Prediction(1.2, null, null, null)))
                .containsExactly("confidence must be a probability");
        assertThat(violations(new Prediction(Double.NaN, null, null, null))).hasSize(1);
        assertThat(violations(new Prediction(null, Map.of("a", 0.7, "b", 0.7), null, null)))
                .containsExactly("probabilities must be a probability vector");
        assertThat(violations(new Prediction(null, Map.of("a", 1.5, "b", -0.5), null, null)))
                .hasSize(1);
        assertThat(violations(new Prediction(null, Map.of(), null, null))).hasSize(1);
    }

    @Test
    void refusesEmbeddingsOfTheWrongDimensionOrWithNonFiniteValues() {
        assertThat(violations(new Prediction(null, null, new double[] {1, 2}, null)))
                .containsExactly("embedding must be an embedding");
        assertThat(violations(new Prediction(null, null, new double[] {1, Double.POSITIVE_INFINITY, 2}, null)))
                .hasSize(1);
    }

    @Test
    void refusesRaggedOrMisshapenTensorsSayingTheShape() {
        assertThat(violations(new Prediction(null, null, null, List.of(List.of(1.0, 2.0, 3.0)))))
                .containsExactly("inputs must have shape [*, 2], not [1, 3]");
        assertThat(violations(new Prediction(null, null, null, List.of(List.of(1.0, 2.0), List.of(1.0)))))
                .containsExactly("inputs must be a tensor of finite numbers (nested lists of equal length)");
        assertThat(violations(new Prediction(null, null, null, List.of(List.of(1.0, Double.NaN)))))
                .hasSize(1);
    }

    @Test
    void shapesOfNestedArraysAndLists() {
        assertThat(Numbers.shape(new double[][] {{1, 2, 3}, {4, 5, 6}})).containsExactly(2, 3);
        assertThat(Numbers.shape(List.of())).containsExactly(0);
        assertThat(Numbers.shape(7)).isEmpty();
        assertThat(Numbers.shape(List.of("x"))).isNull();
        assertThat(Numbers.matches(new int[] {5, 3}, new int[] {-1, 3})).isTrue();
        assertThat(Numbers.matches(new int[] {5, 3}, new int[] {5})).isFalse();
    }
}
