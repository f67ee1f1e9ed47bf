package io.mabeam.agents.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;

/** Trainers evaluate the trials optimizers hand them; they take no messages through the API. */
final class TrainerType implements AgentType {

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
        throw new IllegalArgumentException("trainers take trials from optimizers, not messages through the API");
    }
}
