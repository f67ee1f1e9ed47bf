package io.mabeam.improvement.control;

import io.mabeam.improvement.entity.ChangeProposal;
import io.mabeam.improvement.entity.Edit;
import io.mabeam.llm.entity.ChatMessage;
import io.mabeam.llm.entity.ChatRequest;
import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.training.entity.NetworkSpec;
import io.mabeam.variables.control.SearchSpaceJson;
import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.FixedVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.SearchSpace;
import io.mabeam.variables.entity.Variable;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A coder's questions to a language model and its reading of the answers. The model sees the study — its
 * variables and ranges, the best trials, each variable's importance — and answers one JSON object of edits to the
 * search space; the answer is read strictly (every edit checked against the space and the network's variables)
 * and anything it cannot use is refused with the reason, so the coder falls back to its rules.
 */
public final class LlmCoder {

    static final int MAX_EDITS = 10;
    static final String SYSTEM = """
            You improve the search spaces of hyperparameter studies. You get a study as JSON: its variables with \
            their ranges, the best trials and each variable's importance. Propose a new search space for a \
            follow-up study that is likely to find better values. Answer with exactly one JSON object and nothing \
            else: {"edits": [{"variable": "<name>", "action": "widen"|"narrow"|"fix"|"add", "low": <number>, \
            "high": <number>, "value": <value>, "type": "float"|"int", "log": true|false, "reason": "<why>"}], \
            "rationale": "<one paragraph>"}. widen and narrow give the new low and high of an existing numeric \
            variable (widen contains the old range, narrow lies within it); fix gives the value of a variable that \
            does not matter; add gives a new variable's type, low and high. At most 10 edits.""";

    private LlmCoder() {}

    /** The question about a study. */
    public static ChatRequest request(
            String study, StudyHistory history, Map<String, Double> importance, boolean trainsNetworks, int maxTokens) {
        JsonArrayBuilder variables = Json.createArrayBuilder();
        for (JsonValue variable : SearchSpaceJson.json(history.space()).getJsonArray("variables")) {
            JsonObject v = variable.asJsonObject();
            var described = Json.createObjectBuilder(v);
            Double share = importance.get(v.getString("name"));
            if (share != null) {
                described.add("importance", share);
            }
            variables.add(described);
        }
        Direction direction = history.directions().get(0);
        List<Trial> best = history.trials().stream()
                .filter(t -> t.state() == TrialState.COMPLETE && !t.values().isEmpty())
                .sorted(CoderRules.best(direction))
                .limit(8)
                .toList();
        JsonArrayBuilder trials = Json.createArrayBuilder();
        for (Trial trial : best) {
            trials.add(Json.createObjectBuilder()
                    .add("value", trial.values().get(0))
                    .add("parameters", ImprovementJson.parameters(trial.parameters())));
        }
        JsonObject question = Json.createObjectBuilder()
                .add("study", study)
                .add("direction", direction.name().toLowerCase(java.util.Locale.ROOT))
                .add(
                        "completeTrials",
                        history.trials().stream()
                                .filter(t -> t.state() == TrialState.COMPLETE)
                                .count())
                .add("variables", variables)
                .add("bestTrials", trials)
                .add(
                        "trainsNetworks",
                        trainsNetworks
                                ? "yes: variables may be " + new java.util.TreeSet<>(NetworkSpec.PARAMETERS)
                                        + " (layers: hidden layers, default 2)"
                                : "no")
                .build();
        return new ChatRequest(
                List.of(ChatMessage.system(SYSTEM), ChatMessage.user(question.toString())), 0.2, maxTokens, true);
    }

    /**
     * The model's answer as a proposal.
     *
     * @throws IllegalArgumentException what makes the answer unusable
     */
    public static ChangeProposal parse(String study, StudyHistory history, boolean trainsNetworks, String answer) {
        JsonObject json = object(answer);
        if (!(json.get("edits") instanceof JsonArray edits) || edits.isEmpty() || edits.size() > MAX_EDITS) {
            throw new IllegalArgumentException("the answer has no \"edits\" (1 to " + MAX_EDITS + ")");
        }
        Trial bestTrial = history.trials().stream()
                .filter(t -> t.state() == TrialState.COMPLETE && !t.values().isEmpty())
                .min(CoderRules.best(history.directions().get(0)))
                .orElse(null);
        List<Variable> variables = new ArrayList<>(history.space().variables());
        List<Edit> applied = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        for (JsonValue value : edits) {
            if (!(value instanceof JsonObject edit)) {
                throw new IllegalArgumentException("an edit is an object");
            }
            String name = string(edit, "variable");
            String action = string(edit, "action");
            String reason = edit.get("reason") instanceof JsonString r ? r.getString() : "proposed by the model";
            if (!touched.add(name)) {
                throw new IllegalArgumentException("two edits of " + name);
            }
            int index = indexOf(variables, name);
            switch (action) {
                case "widen", "narrow" -> {
                    if (index < 0 || !VariableBounds.isNumeric(variables.get(index))) {
                        throw new IllegalArgumentException(
                                action + " needs a numeric variable of the space, not " + name);
                    }
                    Variable old = variables.get(index);
                    double low = number(edit, "low", VariableBounds.low(old));
                    double high = number(edit, "high", VariableBounds.high(old));
                    if (!(low < high)) {
                        throw new IllegalArgumentException(name + ": low must be below high");
                    }
                    Variable next = VariableBounds.withBounds(old, low, high);
                    boolean contains = VariableBounds.low(next) <= VariableBounds.low(old)
                            && VariableBounds.high(next) >= VariableBounds.high(old);
                    boolean within = VariableBounds.low(next) >= VariableBounds.low(old)
                            && VariableBounds.high(next) <= VariableBounds.high(old);
                    if (action.equals("widen") ? !contains : !within) {
                        throw new IllegalArgumentException(name + ": a " + action + " must "
                                + (action.equals("widen") ? "contain" : "lie within") + " the old range");
                    }
                    double[] natural = VariableBounds.natural(old);
                    if (VariableBounds.low(next) < natural[0] || VariableBounds.high(next) > natural[1]) {
                        throw new IllegalArgumentException(name + ": outside its natural limits");
                    }
                    if (next.equals(old)) {
                        throw new IllegalArgumentException(name + ": the " + action + " changes nothing");
                    }
                    variables.set(index, next);
                    applied.add(new Edit(
                            name, action, VariableBounds.describe(old), VariableBounds.describe(next), reason));
                }
                case "fix" -> {
                    if (index < 0 || variables.get(index) instanceof FixedVariable) {
                        throw new IllegalArgumentException("fix needs a searched variable of the space, not " + name);
                    }
                    Variable old = variables.get(index);
                    Object fixed = edit.containsKey("value")
                            ? SearchSpaceJson.canonical(old, SearchSpaceJson.scalar(name, edit.get("value")))
                            : bestTrial == null ? null : bestTrial.parameters().get(name);
                    if (fixed == null || !old.admits(fixed)) {
                        throw new IllegalArgumentException(name + ": the fixed value is outside its domain");
                    }
                    variables.set(index, new FixedVariable(name, fixed, old.condition()));
                    applied.add(new Edit(name, "fix", VariableBounds.describe(old), "fixed at " + fixed, reason));
                }
                case "add" -> {
                    if (index >= 0) {
                        throw new IllegalArgumentException(name + " is in the space already");
                    }
                    if (trainsNetworks && !NetworkSpec.PARAMETERS.contains(name) && !name.matches("units_[0-7]")) {
                        throw new IllegalArgumentException(name + " is not a variable a network objective knows");
                    }
                    Variable added = added(name, edit);
                    variables.add(added);
                    applied.add(new Edit(name, "add", "absent", VariableBounds.describe(added), reason));
                }
                default ->
                    throw new IllegalArgumentException("an edit's action is widen, narrow, fix or add, not " + action);
            }
        }
        SearchSpace space;
        try {
            space = new SearchSpace(variables);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the edited space is not valid: " + e.getMessage());
        }
        List<Map<String, Object>> enqueue = new ArrayList<>();
        if (bestTrial != null) {
            Optional.ofNullable(CoderRules.carried(space, bestTrial.parameters()))
                    .ifPresent(enqueue::add);
        }
        String rationale = json.get("rationale") instanceof JsonString r ? r.getString() : "proposed by the model";
        return new ChangeProposal(study, space, applied, enqueue, rationale, "llm");
    }

    private static Variable added(String name, JsonObject edit) {
        String type = edit.get("type") instanceof JsonString t ? t.getString() : "float";
        boolean log = edit.getBoolean("log", false);
        if (edit.get("choices") instanceof JsonArray choices && !choices.isEmpty()) {
            List<Object> values = new ArrayList<>();
            choices.forEach(choice -> values.add(SearchSpaceJson.scalar(name, choice)));
            return new CategoricalVariable(name, values, Optional.empty());
        }
        if (!(edit.get("low") instanceof JsonNumber low) || !(edit.get("high") instanceof JsonNumber high)) {
            throw new IllegalArgumentException(name + ": an added variable has low and high");
        }
        if (type.equals("int")) {
            return new IntVariable(name, low.longValue(), high.longValue(), log, 1, Optional.empty());
        }
        return new FloatVariable(name, low.doubleValue(), high.doubleValue(), log, null, Optional.empty());
    }

    /** The answer's JSON object, also inside a Markdown code fence (as models like to write it). */
    static JsonObject object(String answer) {
        if (answer == null) {
            throw new IllegalArgumentException("the answer is empty");
        }
        String text = answer.strip();
        if (text.startsWith("```")) {
            int start = text.indexOf('\n');
            int end = text.lastIndexOf("```");
            text = start > 0 && end > start ? text.substring(start + 1, end).strip() : text;
        }
        try {
            JsonValue value = Json.createReader(new StringReader(text)).readValue();
            if (!(value instanceof JsonObject object)) {
                throw new IllegalArgumentException("the answer is JSON but not an object");
            }
            return object;
        } catch (JsonException e) {
            throw new IllegalArgumentException("the answer is not JSON");
        }
    }

    private static int indexOf(List<Variable> variables, String name) {
        for (int i = 0; i < variables.size(); i++) {
            if (variables.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String string(JsonObject json, String key) {
        if (!(json.get(key) instanceof JsonString s) || s.getString().isBlank()) {
            throw new IllegalArgumentException("an edit needs \"" + key + "\"");
        }
        return s.getString();
    }

    private static double number(JsonObject json, String key, double fallback) {
        if (!json.containsKey(key)) {
            return fallback;
        }
        if (!(json.get(key) instanceof JsonNumber n)) {
            throw new IllegalArgumentException("\"" + key + "\" is a number");
        }
        return n.doubleValue();
    }
}
