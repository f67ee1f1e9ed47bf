package io.mabeam.agents.entity;

/** When an agent's performance raises an alert. */
public record Thresholds(int maxMailbox, double maxMeanMicros, double minSuccessRate, int maxRestartsInInterval) {

    public Thresholds {
        if (maxMailbox < 1
                || !(maxMeanMicros > 0)
                || minSuccessRate < 0
                || minSuccessRate > 1
                || maxRestartsInInterval < 0) {
            throw new IllegalArgumentException(
                    "thresholds: a mailbox of at least 1, a positive time, a success rate in [0, 1], restarts ≥ 0");
        }
    }

    /** 1,000 waiting messages, 100 ms per message, 90 % success, 3 restarts per interval. */
    public static Thresholds defaults() {
        return new Thresholds(1_000, 100_000, 0.9, 3);
    }
}
