package io.mabeam.batch.optimization;

import io.mabeam.foundation.problems.DomainException;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.logging.Logger;

/**
 * Tells the study how each trial ended. A trial the study ended meanwhile (failed by the heartbeat watch while
 * the job was down) stays as the study recorded it.
 */
@Named("trialWriter")
@Dependent
public class TrialWriter extends AbstractItemWriter {

    private static final Logger LOG = Logger.getLogger(TrialWriter.class.getName());

    @EJB
    TrialLedger studies;

    @Inject
    @BatchProperty
    String study;

    @Override
    public void writeItems(List<Object> items) {
        for (Object item : items) {
            TrialEvaluator.Evaluated evaluated = (TrialEvaluator.Evaluated) item;
            try {
                studies.tell(study, evaluated.number(), evaluated.outcome());
            } catch (DomainException e) {
                if (e.reason() != DomainException.Reason.CONFLICT) {
                    throw e;
                }
                LOG.warning(() ->
                        "trial " + evaluated.number() + " of " + study + " was ended meanwhile: " + e.getMessage());
            }
        }
    }
}
