package io.mabeam.models.entity;

import io.mabeam.schema.entity.Embedding;
import io.mabeam.schema.entity.Probability;
import io.mabeam.schema.entity.ProbabilityVector;
import java.util.Map;

/**
 * A model's answer for one row: the predicted class with its probability and every class's probability
 * (classification), or the predicted number (regression); with the row's embedding (the last hidden layer's
 * activations) when asked for. The constraints hold for every answer a sound model gives.
 */
public record Prediction(
        String label,
        @Probability Double confidence,
        @ProbabilityVector Map<String, Double> probabilities,
        Double value,
        @Embedding double[] embedding) {}
