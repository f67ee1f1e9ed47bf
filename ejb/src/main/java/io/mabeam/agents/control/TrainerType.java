package io.mabeam.agents.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * Trainers evaluate the trials optimizers hand them — on their own node or, as
 * {@code {"type": "evaluate", "study", "number", "parameters", "objective", "replyTo": "<optimizer id>"}}, from an
 * optimizer on another node; the outcome goes back to the optimizer wherever it runs.
 */
final class TrainerType implements AgentType {

    private final Routes routes;

    TrainerType(Routes routes) {
        this.routes = routes;
    }

    @Override
    public String name() {
        return "trainer";
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("train");
    }

    @Override
    public void validate(JsonObject config) {
        if (!config.isEmpty()) {
            throw new IllegalArgumentException("a trainer takes no configuration (the optimizer names the objective)");
        }
    }

    @Override
    public Behavior<?> behavior(JsonObject config, AgentEnvironment environment) {
        return TrainerAgent.create(environment.objectives(), environment.studies(), environment.work());
    }

    @Override
    public Object message(JsonObject message, AgentRef<JsonValue> replyTo) {
        if (!"evaluate".equals(message.getString("type", null))) {
            throw new IllegalArgumentException("a trainer takes {\"type\": \"evaluate\", \"study\", \"number\", "
                    + "\"parameters\", \"objective\", \"replyTo\"} (what optimizers send)");
        }
        return AgentMessages.evaluate(message, routes);
    }
}
