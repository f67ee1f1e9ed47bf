package io.mabeam.agents.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * An agent that answers every message with the message and how many it has answered: for checking that an
 * agent is reachable and for measuring messaging.
 */
final class EchoType implements AgentType {

    /** The echo's one message. */
    record Echo(JsonObject payload, AgentRef<JsonValue> replyTo) {}

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("echo");
    }

    @Override
    public void validate(JsonObject config) {
        if (!config.isEmpty()) {
            throw new IllegalArgumentException("an echo agent takes no configuration");
        }
    }

    @Override
    public Behavior<?> behavior(JsonObject config, AgentEnvironment environment) {
        return Behaviors.<Echo>setup(context -> {
            long[] answered = {0};
            return (ctx, echo) -> {
                answered[0]++;
                echo.replyTo()
                        .tell(Json.createObjectBuilder()
                                .add("echo", echo.payload())
                                .add("answered", answered[0])
                                .build());
                return Behaviors.same();
            };
        });
    }

    @Override
    public Object message(JsonObject message, AgentRef<JsonValue> replyTo) {
        return new Echo(message, replyTo);
    }
}
