package io.mabeam.agents.boundary;

import io.mabeam.agents.control.StudyClient;
import io.mabeam.optimization.boundary.Studies;
import io.mabeam.optimization.boundary.Trials;
import io.mabeam.optimization.entity.Outcome;
import io.mabeam.optimization.entity.StoredTrial;

/** A persisted study as agents drive it, through the {@link Studies} and {@link Trials} boundaries (call it off agents' turns). */
final class PersistedStudyClient implements StudyClient {

    private final Studies studies;
    private final Trials trials;
    private final String study;
    private final String worker;

    PersistedStudyClient(Studies studies, Trials trials, String study, String worker) {
        this.studies = studies;
        this.trials = trials;
        this.study = study;
        this.worker = worker;
    }

    @Override
    public String study() {
        return study;
    }

    @Override
    public AskedTrial ask() {
        StoredTrial trial = trials.ask(study, worker);
        return new AskedTrial(trial.trial().number(), trial.trial().parameters());
    }

    @Override
    public boolean report(long number, long step, double value) {
        return trials.report(study, number, step, value).getValue();
    }

    @Override
    public int finished() {
        return (int) studies.trials(study).stream()
                .filter(t -> t.trial().state().finished())
                .count();
    }

    @Override
    public void tell(long number, Outcome outcome) {
        trials.tell(study, number, outcome, null);
    }
}
