package io.mabeam.agents.entity;

/** An agent crossed a threshold ({@code raised}) or came back within it (not raised). */
public record PerformanceAlert(String agent, Kind kind, boolean raised, double value, double threshold) {

    /** Which threshold. */
    public enum Kind {
        MAILBOX,
        SLOW_MESSAGES,
        FAILURES,
        RESTARTS
    }
}
