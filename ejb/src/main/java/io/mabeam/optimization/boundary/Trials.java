package io.mabeam.optimization.boundary;

import io.mabeam.economics.boundary.Reputations;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.control.CallerNames;
import io.mabeam.optimization.control.StudyStore;
import io.mabeam.optimization.control.TrialJson;
import io.mabeam.optimization.entity.Outcome;
import io.mabeam.optimization.entity.StoredTrial;
import io.mabeam.optimization.entity.StudyDefinition;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Suggestion;
import io.mabeam.optimization.entity.TrialState;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The trials of a study through their life: ask, tell, report, heartbeat, enqueue, resume, and the failing of
 * trials whose worker stopped beating. The states and their moves are {@link StoredTrial}'s; this class
 * stores each move and appends its event to stream {@code study:<name>} in one transaction. An ask locks the
 * study's row while the sampler answers: numbers are unique across nodes and each sampler sees every trial
 * asked before it.
 */
@Stateless
public class Trials {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    SessionContext session;

    @EJB
    Reputations reputations;

    @EJB
    Events events;

    @Inject
    StudySamplers samplers;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    final StudyStore store = new StudyStore();
    Clock clock = Clock.systemUTC();

    /**
     * A new running trial: the oldest enqueued one if any, else the sampler's suggestion.
     *
     * @param worker who will run it (null: the caller)
     */
    public StoredTrial ask(String name, String worker) {
        return ask(name, worker, Integer.MAX_VALUE).orElseThrow();
    }

    /**
     * A new running trial unless the study's trials, finished and running, have reached {@code budget}: checked
     * under the study's lock, so workers sharing a budget never overspend it.
     */
    public Optional<StoredTrial> ask(String name, String worker, int budget) {
        Timer.Context timing = metrics.timer("mabeam.optimization.ask").time();
        try {
            return Jdbc.inConnection(dataSource, "asking study " + name + " failed", connection -> {
                StudyDefinition study = store.existing(connection, name, true);
                if (budget < Integer.MAX_VALUE) {
                    long spent = store.trials(connection, study).stream()
                            .filter(t -> t.state() != TrialState.WAITING)
                            .count();
                    if (spent >= budget) {
                        return Optional.empty();
                    }
                }
                Instant now = clock.instant();
                String who = worker == null || worker.isBlank() ? caller() : worker;
                Optional<StoredTrial> waiting = store.oldestWaiting(connection, study);
                StoredTrial started;
                if (waiting.isPresent()) {
                    started = waiting.get().start(who, now);
                    store.update(connection, study.id(), started, TrialState.WAITING);
                } else {
                    long number = store.takeNumber(connection, study.id());
                    StudyHistory history = StudyHistory.of(study, store.trials(connection, study));
                    Suggestion suggestion = samplers.sampler(study).suggest(history, number);
                    started = StoredTrial.running(
                            number,
                            study.space().check(suggestion.parameters()),
                            suggestion.systemAttributes(),
                            who,
                            now);
                    store.insert(connection, study.id(), started);
                }
                events.record(
                        study.stream(),
                        "TrialAsked",
                        JSON.createObjectBuilder()
                                .add("number", started.number())
                                .add(
                                        "parameters",
                                        TrialJson.parameters(started.trial().parameters()))
                                .add("worker", who)
                                .add("enqueued", waiting.isPresent())
                                .build());
                metrics.counter("mabeam.optimization.trials.asked").inc();
                return Optional.of(started);
            });
        } finally {
            timing.stop();
        }
    }

    /**
     * The running trials of a worker that stopped without ending them (a crashed batch partition), handed back
     * to it to run again from the start: their intermediate values are cleared and their heartbeat renewed
     * (event {@code TrialResumed}), so a trial is neither lost nor counted twice.
     */
    public List<StoredTrial> resume(String name, String worker) {
        return Jdbc.inConnection(
                dataSource, "resuming the trials of " + worker + " in " + name + " failed", connection -> {
                    StudyDefinition study = store.existing(connection, name, true);
                    List<StoredTrial> resumed = new ArrayList<>();
                    Instant now = clock.instant();
                    for (StoredTrial trial : store.trials(connection, study)) {
                        if (trial.state() != TrialState.RUNNING || !worker.equals(trial.worker())) {
                            continue;
                        }
                        StoredTrial fresh = trial.restart(now);
                        if (store.update(connection, study.id(), fresh, TrialState.RUNNING)) {
                            events.record(
                                    study.stream(),
                                    "TrialResumed",
                                    JSON.createObjectBuilder()
                                            .add("number", trial.number())
                                            .add("worker", worker)
                                            .add(
                                                    "discardedIntermediates",
                                                    trial.trial()
                                                            .intermediates()
                                                            .size())
                                            .build());
                            resumed.add(fresh);
                        }
                    }
                    return resumed;
                });
    }

    /**
     * Ends a running trial. Telling again exactly what was told already answers the trial as it is (a
     * retried request is harmless); anything else about a finished trial is a conflict.
     *
     * @throws DomainException 400 (wrong number of values), 404, 409 (the trial is not running)
     */
    public StoredTrial tell(String name, long number, Outcome outcome, JsonObject userAttributes) {
        return Jdbc.inConnection(dataSource, "telling trial " + number + " of " + name + " failed", connection -> {
            StudyDefinition study = store.existing(connection, name, false);
            if (outcome.state() == TrialState.COMPLETE
                    && outcome.values().size() != study.directions().size()) {
                throw DomainException.invalid(
                        "study " + name + " has " + study.directions().size() + " objective(s); "
                                + outcome.values().size() + " value(s) given");
            }
            if (outcome.state() == TrialState.PRUNED
                    && outcome.values().size() > study.directions().size()) {
                throw DomainException.invalid(
                        "a pruned trial has at most " + study.directions().size() + " value(s)");
            }
            StoredTrial current = store.existingTrial(connection, study, number);
            Optional<StoredTrial> ended =
                    current.end(outcome, userAttributes == null ? null : userAttributes.toString(), clock.instant());
            if (ended.isEmpty()) {
                return current;
            }
            StoredTrial finished = ended.get();
            if (!store.update(connection, study.id(), finished, TrialState.RUNNING)) {
                throw DomainException.conflict(
                        "trial " + number + " of " + name + " was ended by someone else just now");
            }
            JsonObjectBuilder payload =
                    JSON.createObjectBuilder().add("number", number).add("values", TrialJson.numbers(outcome.values()));
            if (!outcome.constraints().isEmpty()) {
                payload.add("constraints", TrialJson.numbers(outcome.constraints()));
            }
            events.record(study.stream(), outcome.state().eventType(), payload.build());
            if (outcome.state() == TrialState.COMPLETE || outcome.state() == TrialState.FAILED) {
                reputations.record(
                        current.worker(),
                        outcome.state() == TrialState.COMPLETE ? 1 : 0,
                        outcome.state() == TrialState.COMPLETE ? "trial-complete" : "trial-failed");
            }
            metrics.counter(
                            "mabeam.optimization.trials.finished",
                            new Tag("state", outcome.state().name()))
                    .inc();
            return finished;
        });
    }

    /**
     * Records an intermediate value (and counts as a heartbeat); reporting a step again with the same value
     * is harmless, with another value a conflict.
     *
     * @return the trial and whether the study's pruner would stop it now
     */
    public Map.Entry<StoredTrial, Boolean> report(String name, long number, long step, double value) {
        return Jdbc.inConnection(dataSource, "reporting to trial " + number + " of " + name + " failed", connection -> {
            StudyDefinition study = store.existing(connection, name, false);
            StoredTrial current = store.existingTrial(connection, study, number);
            Optional<StoredTrial> reported = current.report(step, value, clock.instant());
            StoredTrial updated = reported.orElse(current);
            if (reported.isPresent()) {
                if (!store.update(connection, study.id(), updated, TrialState.RUNNING)) {
                    throw DomainException.conflict(
                            "trial " + number + " of " + name + " changed just now; report again");
                }
                events.record(
                        study.stream(),
                        "IntermediateReported",
                        JSON.createObjectBuilder()
                                .add("number", number)
                                .add("step", step)
                                .add("value", value)
                                .build());
            }
            List<StoredTrial> trials = store.trials(connection, study);
            boolean prune = samplers.pruner(study).shouldPrune(StudyHistory.of(study, trials), updated.trial());
            return Map.entry(updated, prune);
        });
    }

    public boolean shouldPrune(String name, long number) {
        return Jdbc.inConnection(dataSource, "asking the pruner of " + name + " failed", connection -> {
            StudyDefinition study = store.existing(connection, name, false);
            StoredTrial current = store.existingTrial(connection, study, number);
            current.requireRunning("");
            return samplers.pruner(study)
                    .shouldPrune(StudyHistory.of(study, store.trials(connection, study)), current.trial());
        });
    }

    /** @throws DomainException 404, 409 when the trial is no longer running (its worker was given up on) */
    public void heartbeat(String name, long number) {
        Jdbc.useConnection(
                dataSource, "recording a heartbeat of trial " + number + " of " + name + " failed", connection -> {
                    StudyDefinition study = store.existing(connection, name, false);
                    if (!store.heartbeat(connection, study.id(), number, clock.instant())) {
                        StoredTrial current = store.existingTrial(connection, study, number);
                        throw DomainException.conflict("trial " + number + " of " + name + " is " + current.state());
                    }
                });
    }

    /** A trial with given parameters, waiting for the next ask (warm starts, hand-picked points). */
    public StoredTrial enqueue(String name, Map<String, Object> parameters, JsonObject userAttributes) {
        return Jdbc.inConnection(dataSource, "enqueueing a trial in " + name + " failed", connection -> {
            StudyDefinition study = store.existing(connection, name, true);
            Map<String, Object> checked;
            try {
                checked = study.space().check(parameters);
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid(e.getMessage());
            }
            return enqueue(
                    connection,
                    study,
                    number -> StoredTrial.queued(number, checked, userAttributes.toString(), null, clock.instant()));
        });
    }

    /**
     * Fails running trials whose worker stopped beating, and enqueues a retry of each while the study allows
     * more: called on the study scheduler's leader.
     *
     * @return how many trials were failed
     */
    public int failStaleTrials() {
        return Jdbc.inConnection(dataSource, "failing stale trials failed", connection -> {
            int failed = 0;
            for (Map.Entry<String, Long> stale : store.stale(connection, clock.instant())) {
                StudyDefinition study = store.find(connection, stale.getKey()).orElseThrow();
                StoredTrial current =
                        store.trial(connection, study, stale.getValue()).orElseThrow();
                if (current.state() != TrialState.RUNNING) {
                    continue; // told just now
                }
                StoredTrial ended = current.expire(clock.instant());
                if (!store.update(connection, study.id(), ended, TrialState.RUNNING)) {
                    continue; // told just now
                }
                failed++;
                events.record(
                        study.stream(),
                        "TrialFailed",
                        JSON.createObjectBuilder()
                                .add("number", current.number())
                                .add("reason", "no heartbeat since " + current.heartbeatAt())
                                .build());
                metrics.counter("mabeam.optimization.trials.finished", new Tag("state", "FAILED"))
                        .inc();
                reputations.record(current.worker(), 0, "trial-stale");
                if (retries(connection, study, current) < study.maxRetries()) {
                    enqueue(connection, study, number -> current.retry(number, clock.instant()));
                }
            }
            return failed;
        });
    }

    private int retries(Connection connection, StudyDefinition study, StoredTrial trial) throws SQLException {
        long original = trial.original();
        return (int) store.trials(connection, study).stream()
                .filter(t -> t.retryOf() != null && t.retryOf() == original)
                .count();
    }

    private StoredTrial enqueue(Connection connection, StudyDefinition study, LongFunction<StoredTrial> numbered)
            throws SQLException {
        store.lock(connection, study.name());
        StoredTrial queued = numbered.apply(store.takeNumber(connection, study.id()));
        store.insert(connection, study.id(), queued);
        JsonObjectBuilder payload = JSON.createObjectBuilder()
                .add("number", queued.number())
                .add("parameters", TrialJson.parameters(queued.trial().parameters()));
        if (queued.retryOf() != null) {
            payload.add("retryOf", queued.retryOf());
        }
        events.record(study.stream(), "TrialEnqueued", payload.build());
        return queued;
    }

    private String caller() {
        return CallerNames.of(session.getCallerPrincipal());
    }
}
