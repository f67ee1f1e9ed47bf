package io.mabeam.agents.control;

import io.mabeam.optimization.entity.Outcome;
import io.mabeam.optimization.entity.TrialState;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optimizer–trainer protocol in JSON, for trainers and optimizers on different nodes: a trial to evaluate
 * ({@code evaluate}) and its outcome ({@code trialFinished}). The agents' own references travel as their ids and
 * come back as {@link Routes} to wherever those agents run.
 */
final class AgentMessages {

    private AgentMessages() {}

    /** A trainer, wherever it runs: a trial goes to it as {@code evaluate}. */
    static AgentRef<TrainerAgent.Command> trainer(String id, Routes routes) {
        return routes.to(id, command -> json((TrainerAgent.Evaluate) command));
    }

    /** An optimizer, wherever it runs: an outcome goes to it as {@code trialFinished}. */
    static AgentRef<OptimizerAgent.Command> optimizer(String id, Routes routes) {
        return routes.to(id, command -> json((OptimizerAgent.TrialFinished) command));
    }

    static JsonObject json(TrainerAgent.Evaluate evaluate) {
        JsonObjectBuilder parameters = Json.createObjectBuilder();
        evaluate.parameters().forEach((name, value) -> parameters.add(name, value(value)));
        return Json.createObjectBuilder()
                .add("type", "evaluate")
                .add("study", evaluate.study())
                .add("number", evaluate.number())
                .add("parameters", parameters)
                .add("objective", evaluate.objective())
                .add("replyTo", evaluate.replyTo().id())
                .build();
    }

    /** @throws IllegalArgumentException not a trial to evaluate */
    static TrainerAgent.Evaluate evaluate(JsonObject json, Routes routes) {
        try {
            Map<String, Object> parameters = new LinkedHashMap<>();
            json.getJsonObject("parameters").forEach((name, value) -> parameters.put(name, parameter(value)));
            return new TrainerAgent.Evaluate(
                    json.getString("study"),
                    json.getJsonNumber("number").longValueExact(),
                    parameters,
                    json.getString("objective"),
                    optimizer(json.getString("replyTo"), routes));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a trial to evaluate has \"study\", \"number\", \"parameters\", "
                    + "\"objective\" and \"replyTo\": " + e.getMessage());
        }
    }

    static JsonObject json(OptimizerAgent.TrialFinished finished) {
        Outcome outcome = finished.outcome();
        return Json.createObjectBuilder()
                .add("type", "trialFinished")
                .add("number", finished.number())
                .add("state", outcome.state().name())
                .add("values", numbers(outcome.values()))
                .add("constraints", numbers(outcome.constraints()))
                .add("trainer", finished.trainer().id())
                .build();
    }

    /** @throws IllegalArgumentException not a trial outcome */
    static OptimizerAgent.TrialFinished trialFinished(JsonObject json, Routes routes) {
        try {
            return new OptimizerAgent.TrialFinished(
                    json.getJsonNumber("number").longValueExact(),
                    new Outcome(
                            TrialState.valueOf(json.getString("state")),
                            doubles(json.getJsonArray("values").getValuesAs(JsonNumber.class)),
                            doubles(json.getJsonArray("constraints").getValuesAs(JsonNumber.class))),
                    trainer(json.getString("trainer"), routes));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a trial outcome has \"number\", \"state\", \"values\", "
                    + "\"constraints\" and \"trainer\": " + e.getMessage());
        }
    }

    private static JsonValue value(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return Json.createValue(((Number) value).doubleValue());
        }
        if (value instanceof Number number) {
            return Json.createValue(number.longValue());
        }
        if (value instanceof Boolean flag) {
            return flag ? JsonValue.TRUE : JsonValue.FALSE;
        }
        return value == null ? JsonValue.NULL : Json.createValue(value.toString());
    }

    private static Object parameter(JsonValue value) {
        if (value instanceof JsonNumber number) {
            return number.isIntegral() ? (Object) number.longValue() : (Object) number.doubleValue();
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        return null;
    }

    private static JsonArrayBuilder numbers(List<Double> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    private static List<Double> doubles(List<JsonNumber> numbers) {
        return numbers.stream().map(JsonNumber::doubleValue).toList();
    }
}
