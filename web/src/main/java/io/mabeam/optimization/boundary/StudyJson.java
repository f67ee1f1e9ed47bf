package io.mabeam.optimization.boundary;

import io.mabeam.optimization.control.TrialJson;
import io.mabeam.optimization.entity.OptimizationRun;
import io.mabeam.optimization.entity.StoredTrial;
import io.mabeam.optimization.entity.StudyDefinition;
import io.mabeam.optimization.entity.StudySummary;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Studies and trials as the REST API shows them. */
final class StudyJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private StudyJson() {}

    static JsonObject study(StudyDefinition study, Map<TrialState, Long> counts, List<StoredTrial> best) {
        JsonObjectBuilder json = JSON.createObjectBuilder(Studies.definitionJson(study))
                .add(
                        "directions",
                        JSON.createArrayBuilder(study.directions().stream()
                                .map(d -> d.name().toLowerCase(Locale.ROOT))
                                .toList()))
                .add("createdBy", study.createdBy())
                .add("createdAt", study.createdAt().toString());
        JsonObjectBuilder states = JSON.createObjectBuilder();
        long total = 0;
        for (TrialState state : TrialState.values()) {
            long count = counts.getOrDefault(state, 0L);
            states.add(state.name().toLowerCase(Locale.ROOT), count);
            total += count;
        }
        json.add("trials", total).add("trialsByState", states);
        if (best != null) {
            var array = JSON.createArrayBuilder();
            best.forEach(t -> array.add(trial(t)));
            json.add(study.directions().size() == 1 ? "best" : "paretoFront", array);
        }
        return json.build();
    }

    static JsonObject run(OptimizationRun run) {
        var steps = jakarta.json.Json.createArrayBuilder();
        for (var step : run.steps()) {
            var json = jakarta.json.Json.createObjectBuilder()
                    .add("name", step.name())
                    .add("status", step.status())
                    .add("read", step.read())
                    .add("written", step.written())
                    .add("commits", step.commits());
            if (step.exitStatus() != null) {
                json.add("exitStatus", step.exitStatus());
            }
            steps.add(json);
        }
        var json = jakarta.json.Json.createObjectBuilder()
                .add("executionId", run.executionId())
                .add("instanceId", run.instanceId())
                .add("study", run.study())
                .add("node", run.node())
                .add("status", run.status())
                .add("orphaned", run.orphaned())
                .add("steps", steps);
        if (run.exitStatus() != null) {
            json.add("exitStatus", run.exitStatus());
        }
        if (run.startedAt() != null) {
            json.add("startedAt", run.startedAt().toString());
        }
        if (run.endedAt() != null) {
            json.add("endedAt", run.endedAt().toString());
        }
        return json.build();
    }

    static JsonObject summary(StudySummary summary) {
        return study(summary.definition(), summary.trialsByState(), null);
    }

    static JsonObject trial(StoredTrial stored) {
        Trial trial = stored.trial();
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("number", trial.number())
                .add("state", trial.state().name().toLowerCase(Locale.ROOT))
                .add("parameters", TrialJson.parameters(trial.parameters()))
                .add("values", TrialJson.numbers(trial.values()))
                .add("intermediates", TrialJson.intermediates(trial.intermediates()))
                .add("constraints", TrialJson.numbers(trial.constraints()))
                .add("feasible", trial.feasible())
                .add("userAttributes", TrialJson.object(stored.userAttributes()))
                .add("systemAttributes", TrialJson.attributes(trial.systemAttributes()));
        if (stored.retryOf() != null) {
            json.add("retryOf", stored.retryOf());
        }
        if (stored.worker() != null) {
            json.add("worker", stored.worker());
        }
        time(json, "createdAt", stored.createdAt());
        time(json, "startedAt", stored.startedAt());
        time(json, "heartbeatAt", stored.heartbeatAt());
        time(json, "finishedAt", stored.finishedAt());
        if (stored.startedAt() != null && stored.finishedAt() != null) {
            json.add(
                    "durationMillis",
                    stored.finishedAt().toEpochMilli() - stored.startedAt().toEpochMilli());
        }
        return json.build();
    }

    private static void time(JsonObjectBuilder json, String name, Instant at) {
        if (at != null) {
            json.add(name, at.toString());
        }
    }
}
