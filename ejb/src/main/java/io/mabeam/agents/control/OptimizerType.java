package io.mabeam.agents.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An optimizer drives a study with named trainers from the moment it starts:
 * {@code {"study": "lr-search", "objective": "hartmann6", "budget": 50, "trainers": ["t1", "t2"],
 * "trialTimeout": "PT5M"}}. Message {@code {"type": "status"}} answers its report.
 */
final class OptimizerType implements AgentType {

    private final Routes routes;

    OptimizerType(Routes routes) {
        this.routes = routes;
    }

    @Override
    public String name() {
        return "optimizer";
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("optimize");
    }

    @Override
    public void validate(JsonObject config) {
        text(config, "study");
        text(config, "objective");
        budget(config);
        trainers(config);
        timeout(config);
    }

    @Override
    public Behavior<?> behavior(JsonObject config, AgentEnvironment environment) {
        String study = text(config, "study");
        String objective = text(config, "objective");
        int budget = budget(config);
        List<String> trainerIds = trainers(config);
        Behavior<OptimizerAgent.Command> driver =
                OptimizerAgent.create(environment.studies().apply(study), objective, timeout(config), environment.io());
        return Behaviors.<OptimizerAgent.Command>setup(context -> {
            List<AgentRef<TrainerAgent.Command>> team = new ArrayList<>();
            for (String id : trainerIds) {
                team.add(AgentMessages.trainer(id, routes)); // on this node or another: found anew for each trial
            }
            context.self()
                    .tell(new OptimizerAgent.Run(budget, team, AgentRef.of(context.id() + "/done", report -> true)));
            return driver;
        });
    }

    @Override
    public Object message(JsonObject message, AgentRef<JsonValue> replyTo) {
        if ("trialFinished".equals(message.getString("type", null))) {
            return AgentMessages.trialFinished(message, routes);
        }
        if (!"status".equals(message.getString("type", null))) {
            throw new IllegalArgumentException(
                    "an optimizer takes {\"type\": \"status\"} (and its trainers' " + "{\"type\": \"trialFinished\"})");
        }
        return new OptimizerAgent.Status(
                AgentRef.<OptimizerAgent.Report>of(replyTo.id(), report -> replyTo.tell(json(report))));
    }

    static JsonObject json(OptimizerAgent.Report report) {
        return Json.createObjectBuilder()
                .add("study", report.study())
                .add("budget", report.budget())
                .add("asked", report.asked())
                .add("told", report.told())
                .add("complete", report.complete())
                .add("pruned", report.pruned())
                .add("failed", report.failed())
                .add("done", report.done())
                .build();
    }

    private static String text(JsonObject config, String key) {
        if (!(config.get(key) instanceof JsonString value) || value.getString().isBlank()) {
            throw new IllegalArgumentException("an optimizer needs \"" + key + "\" (a name)");
        }
        return value.getString();
    }

    private static int budget(JsonObject config) {
        if (!(config.get("budget") instanceof JsonNumber number)
                || !number.isIntegral()
                || number.longValue() < 1
                || number.longValue() > 1_000_000) {
            throw new IllegalArgumentException("an optimizer needs \"budget\": the trials to run, 1 to 1000000");
        }
        return number.intValue();
    }

    private static List<String> trainers(JsonObject config) {
        if (!(config.get("trainers") instanceof JsonArray array) || array.isEmpty()) {
            throw new IllegalArgumentException("an optimizer needs \"trainers\": the ids of its trainer agents");
        }
        List<String> ids = new ArrayList<>();
        for (JsonValue value : array) {
            if (!(value instanceof JsonString id)) {
                throw new IllegalArgumentException("\"trainers\" lists agent ids (strings)");
            }
            ids.add(id.getString());
        }
        return ids;
    }

    private static Duration timeout(JsonObject config) {
        String text = config.getString("trialTimeout", "PT5M");
        try {
            Duration timeout = Duration.parse(text);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("\"trialTimeout\" is a positive ISO-8601 duration");
            }
            return timeout;
        } catch (DateTimeParseException | ClassCastException e) {
            throw new IllegalArgumentException("\"trialTimeout\" is an ISO-8601 duration such as \"PT5M\"");
        }
    }
}
