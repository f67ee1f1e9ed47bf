package io.mabeam.batch.optimization;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.optimization.entity.Outcome;
import io.mabeam.optimization.entity.StoredTrial;
import io.mabeam.optimization.entity.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One study's trials in memory, kept as {@code Studies} keeps them for the job: an ask within the budget
 * (finished and running trials count) takes the next number, resume hands a worker back its running trials,
 * tell ends a running trial (409 when it is not running, 400 for the wrong number of values).
 */
class InMemoryTrialLedger extends TrialLedger {

    final String study;
    final int objectives;
    final TreeMap<Long, StoredTrial> trials = new TreeMap<>();
    /** Every trial number handed out by an ask, in order: a number twice would be a trial asked twice. */
    final List<Long> asked = new ArrayList<>();
    /** Every trial number handed back by a resume, in order. */
    final List<Long> resumed = new ArrayList<>();

    InMemoryTrialLedger(String study, int objectives) {
        this.study = study;
        this.objectives = objectives;
    }

    @Override
    public synchronized Optional<StoredTrial> ask(String name, String worker, int budget) {
        assertThat(name).isEqualTo(study);
        if (trials.size() >= budget) {
            return Optional.empty();
        }
        long number = trials.isEmpty() ? 0 : trials.lastKey() + 1;
        StoredTrial trial = StoredTrial.running(
                number, Map.of("x", (double) number, "layers", (int) number % 3), Map.of(), worker, Instant.now());
        trials.put(number, trial);
        asked.add(number);
        return Optional.of(trial);
    }

    @Override
    public synchronized List<StoredTrial> resume(String name, String worker) {
        assertThat(name).isEqualTo(study);
        List<StoredTrial> running = trials.values().stream()
                .filter(t -> t.state() == TrialState.RUNNING && t.worker().equals(worker))
                .toList();
        running.forEach(t -> resumed.add(t.number()));
        return running;
    }

    @Override
    public synchronized void tell(String name, long number, Outcome outcome) {
        assertThat(name).isEqualTo(study);
        StoredTrial current = trials.get(number);
        if (current == null) {
            throw DomainException.notFound("study " + study + " has no trial " + number);
        }
        if (outcome.state() == TrialState.COMPLETE && outcome.values().size() != objectives) {
            throw DomainException.invalid("study " + study + " has " + objectives + " objective(s); "
                    + outcome.values().size() + " value(s) given");
        }
        current.end(outcome, null, Instant.now()).ifPresent(ended -> trials.put(number, ended));
    }

    /** Ends a running trial behind the job's back, as the heartbeat watch does. */
    synchronized void failBehindTheJobsBack(long number) {
        trials.put(number, trials.get(number).expire(Instant.now()));
    }

    synchronized TrialState state(long number) {
        return trials.get(number).state();
    }
}
