package io.mabeam.agents.entity;

/**
 * An agent as seen at one moment: its state, supervisor, mailbox depth, counters and the mean time a message
 * takes (microseconds, from a sample of its turns; NaN before any).
 */
public record AgentSnapshot(
        String id,
        AgentState state,
        String supervisor,
        int mailbox,
        long processed,
        long failures,
        int restarts,
        int children,
        double meanMicros) {}
