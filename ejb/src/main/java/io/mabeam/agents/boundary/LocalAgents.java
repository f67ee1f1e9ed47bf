package io.mabeam.agents.boundary;

import io.mabeam.agents.control.PostOffice;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.function.BiConsumer;

/** The agents of this node, as the post office delivers to them. */
final class LocalAgents implements PostOffice.Recipients {

    private final AgentPlatform platform;
    /** Tells a node to start an agent its row now names. */
    private final BiConsumer<String, String> started;

    LocalAgents(AgentPlatform platform, BiConsumer<String, String> started) {
        this.platform = platform;
        this.started = started;
    }

    @Override
    public Optional<PostOffice.Recipient> find(String agentId) {
        return platform.recipient(agentId);
    }

    @Override
    public void start(String agentId) {
        platform.threads().workers().submit(() -> platform.startAssigned(agentId));
    }

    @Override
    public Optional<JsonValue> inspect(String agentId) {
        if (platform.recipient(agentId).isEmpty()) {
            return Optional.empty();
        }
        return platform.snapshot(agentId).map(s -> AgentClusterJson.liveJson(s, platform.performance(agentId)));
    }

    @Override
    public void migrate(String agentId, String target) {
        if (target == null) {
            return;
        }
        platform.threads().workers().submit(() -> {
            if (platform.migrate(agentId, target)) {
                started.accept(target, agentId);
            }
        });
    }
}
