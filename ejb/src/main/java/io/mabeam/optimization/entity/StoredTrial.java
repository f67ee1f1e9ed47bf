package io.mabeam.optimization.entity;

import java.time.Instant;

/**
 * A trial as kept: what samplers see ({@link Trial}) and what people and the heartbeat watch need besides.
 *
 * @param userAttributes a JSON object set by whoever runs the trial
 * @param retryOf the number of the failed trial this one repeats, or null
 * @param worker who asked for it (a principal or agent name)
 */
public record StoredTrial(
        Trial trial,
        String userAttributes,
        Long retryOf,
        String worker,
        Instant createdAt,
        Instant startedAt,
        Instant heartbeatAt,
        Instant finishedAt) {

    public long number() {
        return trial.number();
    }

    public TrialState state() {
        return trial.state();
    }
}
