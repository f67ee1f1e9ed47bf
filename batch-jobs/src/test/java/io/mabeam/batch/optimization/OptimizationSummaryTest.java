package io.mabeam.batch.optimization;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.batch.FakeJobContext;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.events.entity.AppendResult;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.models.boundary.Models;
import io.mabeam.models.entity.ModelRecord;
import io.mabeam.optimization.boundary.Studies;
import io.mabeam.optimization.entity.StoredTrial;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The last step of a run sums it up: the job's exit status (what the REST API and the console show) counts
 * the trials by state and names the best value and trial when there is a single best, and the best model when
 * one was kept; the study's stream records {@code OptimizationJobFinished} with the same facts.
 */
class OptimizationSummaryTest {

    final List<StoredTrial> trials = new ArrayList<>();
    final List<StoredTrial> best = new ArrayList<>();
    String model;
    final List<Object[]> recorded = new ArrayList<>();
    final FakeJobContext job = new FakeJobContext("study-optimization", 7, 71);

    String summarize() {
        OptimizationSummary summary = new OptimizationSummary();
        summary.studies = new Studies() {
            @Override
            public List<StoredTrial> trials(String name) {
                assertThat(name).isEqualTo("bowl");
                return trials;
            }

            @Override
            public List<StoredTrial> best(String name) {
                return best;
            }
        };
        summary.models = new Models() {
            @Override
            public ModelRecord best(String study) {
                if (model == null) {
                    throw DomainException.notFound("study " + study + " has no model");
                }
                return new ModelRecord(model, study, 2, "iris", null, null, null, null, null, null, 0.9, 0, null);
            }
        };
        summary.events = new Events() {
            @Override
            public AppendResult record(String stream, String type, JsonObject payload) {
                recorded.add(new Object[] {stream, type, payload});
                return null;
            }
        };
        summary.job = job;
        summary.study = "bowl";
        return summary.process();
    }

    static StoredTrial trial(long number, TrialState state, double... values) {
        Trial trial = new Trial(
                number,
                state,
                Map.of("x", 1.0),
                java.util.Arrays.stream(values).boxed().toList(),
                new TreeMap<>(),
                List.of(),
                Map.of());
        return new StoredTrial(trial, "{}", null, "batch:7:p0", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null);
    }

    @Test
    void theExitStatusCountsTheTrialsByStateAndNamesTheBestTrialAndModel() {
        trials.addAll(List.of(
                trial(0, TrialState.COMPLETE, 0.75),
                trial(1, TrialState.FAILED),
                trial(2, TrialState.COMPLETE, 0.5),
                trial(3, TrialState.PRUNED)));
        best.add(trials.get(2));
        model = "model-1";

        String status = summarize();

        assertThat(status).isEqualTo("TRIALS COMPLETE=2 PRUNED=1 FAILED=1 BEST 0.5 (trial 2) MODEL model-1");
        assertThat(job.getExitStatus())
                .as("the job's exit status, not only the step's")
                .isEqualTo(status);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0)[0]).isEqualTo("study:bowl");
        assertThat(recorded.get(0)[1]).isEqualTo("OptimizationJobFinished");
        JsonObject payload = (JsonObject) recorded.get(0)[2];
        assertThat(payload.getJsonNumber("executionId").longValue()).isEqualTo(71);
        assertThat(payload.getJsonNumber("instanceId").longValue()).isEqualTo(7);
        assertThat(payload.getInt("complete")).isEqualTo(2);
        assertThat(payload.getInt("failed")).isEqualTo(1);
        assertThat(payload.getInt("pruned")).isEqualTo(1);
        assertThat(payload.getInt("running")).isZero();
        assertThat(payload.getInt("waiting")).isZero();
        assertThat(payload.getInt("bestTrial")).isEqualTo(2);
        assertThat(payload.getJsonNumber("bestValue").doubleValue()).isEqualTo(0.5);
        assertThat(payload.getString("model")).isEqualTo("model-1");
    }

    @Test
    void aParetoFrontOfSeveralTrialsAndNoModelAreLeftOut() {
        trials.addAll(List.of(trial(0, TrialState.COMPLETE, 1, 2), trial(1, TrialState.COMPLETE, 2, 1)));
        best.addAll(trials);

        assertThat(summarize()).isEqualTo("TRIALS COMPLETE=2");
        JsonObject payload = (JsonObject) recorded.get(0)[2];
        assertThat(payload).doesNotContainKeys("bestTrial", "bestValue", "model");
    }

    @Test
    void aRunWithoutTrialsSaysSo() {
        assertThat(summarize()).isEqualTo("TRIALS");
        assertThat(((JsonObject) recorded.get(0)[2]).getInt("complete")).isZero();
    }
}
