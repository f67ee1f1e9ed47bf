package io.mabeam.agents.control;

import io.mabeam.agents.entity.OverflowPolicy;
import io.mabeam.agents.entity.Supervision;

/**
 * How an agent is run: its supervision, its mailbox bound and what a full mailbox does, and its stash bound.
 * One instance is shared by every agent spawned with it (an idle agent costs its own state only).
 */
public record AgentOptions(Supervision supervision, int mailboxCapacity, OverflowPolicy overflow, int stashCapacity) {

    public AgentOptions {
        if (supervision == null || overflow == null) {
            throw new IllegalArgumentException("agent options need a supervision and an overflow policy");
        }
        if (mailboxCapacity < 1 || stashCapacity < 0) {
            throw new IllegalArgumentException("a mailbox holds at least one message; a stash is not negative");
        }
    }

    /** Default supervision, 10,000 messages refusing more, a stash of 1,000. */
    public static final AgentOptions DEFAULTS =
            new AgentOptions(Supervision.defaults(), 10_000, OverflowPolicy.REJECT, 1_000);

    public AgentOptions withSupervision(Supervision value) {
        return new AgentOptions(value, mailboxCapacity, overflow, stashCapacity);
    }

    public AgentOptions withMailbox(int capacity, OverflowPolicy policy) {
        return new AgentOptions(supervision, capacity, policy, stashCapacity);
    }
}
