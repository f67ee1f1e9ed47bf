package io.mabeam.models.entity;

import io.mabeam.training.entity.Metric;
import io.mabeam.training.entity.TrainingSetup;
import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * A kept model without its network: where it came from (study, trial, dataset and the hash of its content, the
 * setup and the trial's parameters), how good it is ({@code metrics}: validation and test scores, training
 * facts), and the preprocessing that turns rows into its inputs.
 */
public record ModelRecord(
        String id,
        String study,
        long trial,
        String dataset,
        String datasetSha256,
        TrainingSetup setup,
        JsonObject parameters,
        JsonObject metrics,
        JsonObject preprocessing,
        Metric metric,
        double validationScore,
        int networkBytes,
        Instant createdAt) {}
