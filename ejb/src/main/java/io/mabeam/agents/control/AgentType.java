package io.mabeam.agents.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * A kind of agent the platform can start by name: its capabilities (for lookup and placement), its behaviour
 * made from a JSON configuration, and the messages it takes through the API, decoded into its own protocol.
 */
public interface AgentType {

    String name();

    Set<String> capabilities();

    /** Checks a configuration; {@link IllegalArgumentException} says what is wrong. */
    void validate(JsonObject config);

    /** The agent's behaviour for a (valid) configuration. */
    Behavior<?> behavior(JsonObject config, AgentEnvironment environment);

    /**
     * A message sent through the API, in the agent's protocol; an answer to it goes to {@code replyTo} as JSON.
     *
     * @throws IllegalArgumentException the agent does not take such a message
     */
    Object message(JsonObject message, AgentRef<JsonValue> replyTo);
}
