package io.mabeam.optimization.entity;

import io.mabeam.foundation.problems.DomainException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A trial as kept: what samplers see ({@link Trial}) and what people and the heartbeat watch need besides.
 * It is also the trial's state machine: {@link #queued waiting} or {@link #running running} at birth, then
 * {@link #start started}, {@link #report reported to}, {@link #restart restarted} or {@link #end ended}
 * (complete, pruned or failed), or {@link #expire expired} when its worker stops beating. Each transition
 * answers a new value; a transition the state does not allow is a conflict.
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

    /** A trial enqueued with given parameters, waiting for an ask. */
    public static StoredTrial queued(
            long number, Map<String, Object> parameters, String userAttributes, Long retryOf, Instant now) {
        Trial trial =
                new Trial(number, TrialState.WAITING, parameters, List.of(), new TreeMap<>(), List.of(), Map.of());
        return new StoredTrial(trial, userAttributes, retryOf, null, now, null, null, null);
    }

    /** A trial a sampler suggested, running for {@code worker} from {@code now}. */
    public static StoredTrial running(
            long number,
            Map<String, Object> parameters,
            Map<String, Object> systemAttributes,
            String worker,
            Instant now) {
        Trial trial = new Trial(
                number, TrialState.RUNNING, parameters, List.of(), new TreeMap<>(), List.of(), systemAttributes);
        return new StoredTrial(trial, "{}", null, worker, now, now, now, null);
    }

    public long number() {
        return trial.number();
    }

    public TrialState state() {
        return trial.state();
    }

    /** The trial this one repeats, or itself: retries of retries count against the first. */
    public long original() {
        return retryOf == null ? number() : retryOf;
    }

    /** The next retry of this (failed) trial, numbered {@code number} and waiting with the same parameters. */
    public StoredTrial retry(long number, Instant now) {
        return queued(number, trial.parameters(), userAttributes, original(), now);
    }

    /** Waiting → running: an ask took this enqueued trial. */
    public StoredTrial start(String by, Instant now) {
        require(TrialState.WAITING, "; only a waiting trial is started");
        return new StoredTrial(
                trial.withState(TrialState.RUNNING), userAttributes, retryOf, by, createdAt, now, now, null);
    }

    /**
     * Running → running from the start: its worker crashed and runs it again, so the intermediate values are
     * cleared and the heartbeat renewed.
     */
    public StoredTrial restart(Instant now) {
        requireRunning("; only a running trial is resumed");
        Trial fresh = new Trial(
                trial.number(),
                trial.state(),
                trial.parameters(),
                List.of(),
                new TreeMap<>(),
                List.of(),
                trial.systemAttributes());
        return new StoredTrial(fresh, userAttributes, retryOf, worker, createdAt, startedAt, now, null);
    }

    /**
     * Running → complete, pruned or failed. Telling a finished trial exactly what it was told already answers
     * empty (a retried request is harmless); anything else about a finished or waiting trial is a conflict.
     *
     * @param attributes the new user attributes, or null to keep them
     */
    public Optional<StoredTrial> end(Outcome outcome, String attributes, Instant now) {
        if (state() != TrialState.RUNNING) {
            if (state() == outcome.state() && trial.values().equals(outcome.values())) {
                return Optional.empty();
            }
            throw DomainException.conflict("trial " + number() + " is " + state()
                    + (state() == TrialState.WAITING ? " (not asked yet)" : " already"));
        }
        Trial ended = new Trial(
                number(),
                outcome.state(),
                trial.parameters(),
                outcome.values(),
                trial.intermediates(),
                outcome.constraints(),
                trial.systemAttributes());
        return Optional.of(new StoredTrial(
                ended,
                attributes == null ? userAttributes : attributes,
                retryOf,
                worker,
                createdAt,
                startedAt,
                heartbeatAt,
                now));
    }

    /**
     * An intermediate value at a step of a running trial, which counts as a heartbeat. Reporting a step again
     * with the same value answers empty (harmless); with another value it is a conflict.
     */
    public Optional<StoredTrial> report(long step, double value, Instant now) {
        if (step < 0 || !Double.isFinite(value)) {
            throw DomainException.invalid("an intermediate value is a finite number at a step ≥ 0");
        }
        requireRunning("; reports go to running trials");
        Double earlier = trial.intermediates().get(step);
        if (earlier == null) {
            return Optional.of(new StoredTrial(
                    trial.withIntermediate(step, value),
                    userAttributes,
                    retryOf,
                    worker,
                    createdAt,
                    startedAt,
                    now,
                    null));
        }
        if (earlier != value) {
            throw DomainException.conflict("step " + step + " of trial " + number() + " was reported as " + earlier);
        }
        return Optional.empty();
    }

    /** Running → failed: its worker stopped beating. */
    public StoredTrial expire(Instant now) {
        requireRunning("");
        return new StoredTrial(
                trial.withState(TrialState.FAILED),
                userAttributes,
                retryOf,
                worker,
                createdAt,
                startedAt,
                heartbeatAt,
                now);
    }

    /** @throws DomainException a conflict unless the trial is running */
    public void requireRunning(String why) {
        require(TrialState.RUNNING, why);
    }

    private void require(TrialState expected, String why) {
        if (state() != expected) {
            throw DomainException.conflict("trial " + number() + " is " + state() + why);
        }
    }
}
