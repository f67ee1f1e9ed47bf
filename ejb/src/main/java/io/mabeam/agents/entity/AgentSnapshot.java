package io.mabeam.agents.entity;

/** An agent as seen at one moment: its state, supervisor, mailbox depth and counters. */
public record AgentSnapshot(
        String id,
        AgentState state,
        String supervisor,
        int mailbox,
        long processed,
        long failures,
        int restarts,
        int children) {}
