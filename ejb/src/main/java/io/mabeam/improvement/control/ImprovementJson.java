package io.mabeam.improvement.control;

import io.mabeam.improvement.entity.ChangeProposal;
import io.mabeam.improvement.entity.CoderSettings;
import io.mabeam.improvement.entity.Edit;
import io.mabeam.improvement.entity.Improvement;
import io.mabeam.improvement.entity.NetworkShape;
import io.mabeam.variables.control.SearchSpaceJson;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Improvements and the terms reviewers vote on, as JSON. */
public final class ImprovementJson {

    private ImprovementJson() {}

    /** The change as stored and shown: space, edits, trials to enqueue, rationale, source and the follow-up plan. */
    public static JsonObject change(
            ChangeProposal proposal, CoderSettings settings, String objective, String fallback) {
        JsonArrayBuilder edits = Json.createArrayBuilder();
        for (Edit edit : proposal.edits()) {
            edits.add(Json.createObjectBuilder()
                    .add("variable", edit.variable())
                    .add("action", edit.action())
                    .add("before", edit.before())
                    .add("after", edit.after())
                    .add("reason", edit.reason()));
        }
        JsonArrayBuilder enqueue = Json.createArrayBuilder();
        for (Map<String, Object> trial : proposal.enqueue()) {
            enqueue.add(parameters(trial));
        }
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("space", SearchSpaceJson.json(proposal.space()))
                .add("edits", edits)
                .add("enqueue", enqueue)
                .add("rationale", proposal.rationale())
                .add("source", proposal.source())
                .add(
                        "followUp",
                        Json.createObjectBuilder()
                                .add("budget", settings.budget())
                                .add("parallelism", settings.parallelism())
                                .add("objective", objective)
                                .add("trialTimeout", settings.trialTimeout().toString()));
        if (fallback != null) {
            json.add("llmFallback", fallback);
        }
        return json.build();
    }

    /** What the reviewers are asked to vote on. */
    public static JsonObject terms(
            String improvement, ChangeProposal proposal, JsonObject change, Optional<NetworkShape> network) {
        JsonObjectBuilder terms = Json.createObjectBuilder()
                .add("kind", ReviewerType.KIND)
                .add("improvement", improvement)
                .add("study", proposal.study())
                .add("space", change.getJsonObject("space"))
                .add("edits", change.getJsonArray("edits"))
                .add("rationale", proposal.rationale())
                .add("source", proposal.source());
        network.ifPresent(shape -> terms.add(
                "network",
                Json.createObjectBuilder()
                        .add("inputs", shape.inputs())
                        .add("outputs", shape.outputs())
                        .add("classification", shape.classification())
                        .add("trainingRows", shape.trainingRows())));
        return terms.build();
    }

    public static JsonObject parameters(Map<String, Object> parameters) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        parameters.forEach((name, value) -> json.add(name, SearchSpaceJson.toJson(value)));
        return json.build();
    }

    public static List<Map<String, Object>> enqueued(JsonObject change) {
        return change.getJsonArray("enqueue").getValuesAs(JsonObject.class).stream()
                .map(trial -> {
                    Map<String, Object> parameters = new LinkedHashMap<>();
                    trial.forEach((name, value) -> parameters.put(name, SearchSpaceJson.scalar(name, value)));
                    return parameters;
                })
                .toList();
    }

    public static JsonObject improvement(Improvement improvement) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", improvement.id())
                .add("study", improvement.study())
                .add("sequence", improvement.sequence())
                .add("coder", improvement.coder())
                .add("source", improvement.source())
                .add("status", improvement.status())
                .add("change", improvement.change())
                .add("detail", improvement.detail())
                .add("createdAt", improvement.createdAt().toString());
        json.add(
                "proposal",
                improvement.proposalId() == null ? JsonValue.NULL : Json.createValue(improvement.proposalId()));
        json.add(
                "followUp", improvement.followUp() == null ? JsonValue.NULL : Json.createValue(improvement.followUp()));
        json.add(
                "followUpExecution",
                improvement.followUpExecution() == null
                        ? JsonValue.NULL
                        : Json.createValue(improvement.followUpExecution()));
        json.add(
                "decidedAt",
                improvement.decidedAt() == null
                        ? JsonValue.NULL
                        : Json.createValue(improvement.decidedAt().toString()));
        return json.build();
    }

    /** The answer when a coder sees nothing to change yet, with why the model's draft was not taken. */
    public static JsonObject nothingProposed(String study, String fallback) {
        return Json.createObjectBuilder()
                .add("proposed", false)
                .add("study", study)
                .add(
                        "reason",
                        (fallback == null ? "" : fallback + "; ")
                                + "the rules see no reason to change the search space yet (at least "
                                + CoderRules.MIN_TRIALS + " complete trials, a bound pressed against, a range left"
                                + " or a variable without importance)")
                .build();
    }

    /** The payload of {@code ChangeProposed}. */
    public static JsonObject proposed(String improvement, String study, String coder, JsonObject change) {
        return Json.createObjectBuilder()
                .add("improvement", improvement)
                .add("study", study)
                .add("coder", coder)
                .add("change", change)
                .build();
    }
}
