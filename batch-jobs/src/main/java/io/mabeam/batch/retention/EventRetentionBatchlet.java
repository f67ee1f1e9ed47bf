package io.mabeam.batch.retention;

import io.mabeam.foundation.events.boundary.Retention;
import io.mabeam.foundation.events.entity.RetentionOutcome;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.logging.Logger;

/**
 * Applies every retention policy; the exit status says how many events went and how many a subscription
 * held back. Safe on every node at once: each batch locks and removes distinct rows, and a second run
 * finds nothing left to do.
 */
@Named("eventRetention")
@Dependent
public class EventRetentionBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(EventRetentionBatchlet.class.getName());

    @EJB
    Retention retention;

    @Inject
    JobContext job;

    @Override
    public String process() {
        List<RetentionOutcome> outcomes = retention.applyAll();
        long removed = outcomes.stream().mapToLong(RetentionOutcome::removed).sum();
        long heldBack = outcomes.stream().mapToLong(RetentionOutcome::heldBack).sum();
        outcomes.forEach(outcome -> LOG.info(() -> "Retention of "
                + outcome.policy().streamPrefix() + ": "
                + outcome.removed() + " event(s) " + outcome.policy().action().column() + "d"
                + (outcome.heldBackBy() == null
                        ? ""
                        : ", " + outcome.heldBack() + " held back by subscription " + outcome.heldBackBy())));
        String status = "REMOVED " + removed + " HELD_BACK " + heldBack;
        job.setExitStatus(status);
        return status;
    }
}
