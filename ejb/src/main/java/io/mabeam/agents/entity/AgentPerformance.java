package io.mabeam.agents.entity;

/**
 * An agent's performance over the last observation interval: messages per second, mean microseconds per
 * message (NaN when unmeasured), the share of messages handled without failure (1 when none failed or none
 * came), its mailbox depth now and its restarts within the interval.
 */
public record AgentPerformance(
        String agent,
        double messagesPerSecond,
        double meanMicros,
        double successRate,
        int mailbox,
        int restartsInInterval) {}
