package io.mabeam.agents.control;

import java.util.ArrayDeque;

/**
 * What an agent counts: messages handled, failures (in all and in a row), restarts, when it restarted as a
 * top-level agent, and the time its timed turns took. Only the agent's own turn writes them (plain fields, read
 * for snapshots as before). It sits between {@link Mailbox} and {@link AgentCell} in the cell's class hierarchy
 * rather than being an object of its own, so the cell has no extra object or pointer for it and the turn
 * increments them as its own fields.
 */
abstract class AgentCounters extends Mailbox {

    int consecutiveFailures;
    int restarts;
    long processed;
    int turns;
    long timedNanos;
    long timedMessages;
    long failures;
    /** As a top-level agent: when it restarted (the system supervises it). Allocated on first use. */
    private ArrayDeque<Long> ownRestartTimes;

    final int restarts() {
        return restarts;
    }

    final long processed() {
        return processed;
    }

    /** The mean time one message took, in microseconds, from the timed turns; NaN before any. */
    final double meanMicros() {
        long messages = timedMessages;
        return messages == 0 ? Double.NaN : timedNanos / 1e3 / messages;
    }

    final long failures() {
        return failures;
    }

    final int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** When this top-level agent restarted (the system supervises it). */
    final ArrayDeque<Long> restartTimes() {
        if (ownRestartTimes == null) {
            ownRestartTimes = new ArrayDeque<>();
        }
        return ownRestartTimes;
    }
}
