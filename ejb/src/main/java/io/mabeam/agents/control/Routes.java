package io.mabeam.agents.control;

import jakarta.json.JsonObject;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Addresses of agents by id, wherever in the cluster they run: a message goes straight into the mailbox when the
 * agent runs on this node, and otherwise in its type's JSON form (made by {@code encode}) to its node, at most
 * once. The address is resolved again on every message, so it follows an agent that moved.
 */
public final class Routes {

    private final AgentSystem system;
    private volatile BiPredicate<String, JsonObject> remote;

    /** Routes to the agents of {@code system}; remote ones once {@link #connect} gives the way out. */
    public Routes(AgentSystem system) {
        this.system = system;
    }

    /** How a JSON message reaches an agent on another node (false: it could not be sent). */
    public void connect(BiPredicate<String, JsonObject> remote) {
        this.remote = remote;
    }

    public <M> AgentRef<M> to(String agentId, Function<M, JsonObject> encode) {
        return AgentRef.of(agentId, message -> {
            Optional<AgentRef<?>> local = system.find(agentId);
            if (local.isPresent()) {
                @SuppressWarnings("unchecked")
                AgentRef<M> agent = (AgentRef<M>) local.get();
                return agent.tell(message);
            }
            BiPredicate<String, JsonObject> out = remote;
            return out != null && out.test(agentId, encode.apply(message));
        });
    }
}
