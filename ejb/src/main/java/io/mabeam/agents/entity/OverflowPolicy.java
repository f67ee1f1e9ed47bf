package io.mabeam.agents.entity;

/** What a full mailbox does with one more message. */
public enum OverflowPolicy {
    /** Refuse it: the sender learns at once ({@code tell} answers false, an ask fails) — back-pressure. */
    REJECT,
    /** Accept it and drop the oldest waiting message (latest state wins: sensor readings, progress). */
    DROP_OLDEST
}
