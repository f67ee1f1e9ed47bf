package io.mabeam.batch.optimization;

import io.mabeam.agents.boundary.Agents;
import io.mabeam.optimization.entity.Outcome;
import io.mabeam.optimization.entity.TrialState;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Has the partition's trainer agent evaluate the trial. A trial the trainer cannot evaluate (no answer in
 * time, the agent refused it) ends as failed; the job goes on with the next.
 */
@Named("trialEvaluator")
@Dependent
public class TrialEvaluator implements ItemProcessor {

    private static final Logger LOG = Logger.getLogger(TrialEvaluator.class.getName());

    /** A trial's outcome, to be told. */
    public record Evaluated(long number, Outcome outcome) implements Serializable {}

    @EJB
    Agents agents;

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String study;

    @Inject
    @BatchProperty
    String objective;

    @Inject
    @BatchProperty
    String trialTimeout;

    @Inject
    @BatchProperty
    String partition;

    @Override
    public Object processItem(Object item) {
        TrialReader.TrialToRun trial = (TrialReader.TrialToRun) item;
        String trainer = Workers.trainer(job.getExecutionId(), partition);
        try {
            return new Evaluated(
                    trial.number(),
                    agents.evaluateHere(
                            trainer,
                            study,
                            trial.number(),
                            trial.parameters(),
                            objective,
                            Duration.parse(trialTimeout)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "trial " + trial.number() + " of " + study + " failed in " + trainer);
            return new Evaluated(trial.number(), new Outcome(TrialState.FAILED, List.of(), List.of()));
        }
    }
}
