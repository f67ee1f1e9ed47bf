package io.mabeam.agents.entity;

import io.mabeam.foundation.tasks.entity.RestartStrategy;
import java.time.Instant;
import java.util.List;

/**
 * An agent started through the platform, as persisted: what it is (type, configuration as JSON, restart
 * strategy, mailbox bound), where its live incarnation runs and that incarnation's number, and the state last
 * recorded.
 */
public record AgentSpec(
        String id,
        String type,
        String config,
        RestartStrategy restart,
        int mailbox,
        String node,
        long incarnation,
        boolean wanted,
        AgentState state,
        String reason,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        List<String> topics) {

    /** A topic's name: letters, digits and . _ - (no commas: the store joins them with commas). */
    public static final java.util.regex.Pattern TOPIC =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public AgentSpec {
        topics = List.copyOf(topics);
    }

    public AgentSpec withPlacement(String newNode, long newIncarnation) {
        return new AgentSpec(
                id,
                type,
                config,
                restart,
                mailbox,
                newNode,
                newIncarnation,
                wanted,
                state,
                reason,
                createdBy,
                createdAt,
                updatedAt,
                topics);
    }
}
