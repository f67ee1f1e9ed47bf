package io.mabeam.batch.optimization;

import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.models.boundary.Models;
import io.mabeam.optimization.boundary.Studies;
import io.mabeam.optimization.entity.StoredTrial;
import io.mabeam.optimization.entity.TrialState;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Ends a run: the exit status says the trials by state, the best value and the best model, and the study's
 * stream records {@code OptimizationJobFinished}.
 */
@Named("optimizationSummary")
@Dependent
public class OptimizationSummary extends AbstractBatchlet {

    @EJB
    Studies studies;

    @EJB
    Models models;

    @EJB
    Events events;

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String study;

    @Override
    public String process() {
        Map<TrialState, Long> states = studies.trials(study).stream()
                .collect(Collectors.groupingBy(StoredTrial::state, Collectors.counting()));
        List<StoredTrial> best = studies.best(study);
        JsonObjectBuilder payload = Json.createObjectBuilder()
                .add("executionId", job.getExecutionId())
                .add("instanceId", job.getInstanceId());
        StringBuilder status = new StringBuilder("TRIALS");
        for (TrialState state : TrialState.values()) {
            long n = states.getOrDefault(state, 0L);
            payload.add(state.name().toLowerCase(), n);
            if (n > 0) {
                status.append(' ').append(state.name()).append('=').append(n);
            }
        }
        if (best.size() == 1) {
            double value = best.get(0).trial().values().get(0);
            payload.add("bestTrial", best.get(0).number()).add("bestValue", value);
            status.append(" BEST ")
                    .append(value)
                    .append(" (trial ")
                    .append(best.get(0).number())
                    .append(')');
        }
        String model = bestModel().orElse(null);
        if (model != null) {
            payload.add("model", model);
            status.append(" MODEL ").append(model);
        }
        events.record("study:" + study, "OptimizationJobFinished", payload.build());
        job.setExitStatus(status.toString());
        return status.toString();
    }

    private java.util.Optional<String> bestModel() {
        try {
            return java.util.Optional.of(models.best(study).id());
        } catch (DomainException none) {
            return java.util.Optional.empty();
        }
    }
}
