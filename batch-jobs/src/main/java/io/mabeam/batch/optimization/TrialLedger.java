package io.mabeam.batch.optimization;

import io.mabeam.optimization.boundary.Trials;
import io.mabeam.optimization.entity.Outcome;
import io.mabeam.optimization.entity.StoredTrial;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;
import java.util.Optional;

/**
 * The study calls of the optimization job, each committed on its own. A chunk runs in one global transaction
 * for as long as its trial trains: joined to it, an ask would hold the study's lock (serialising the
 * partitions) and its trial would stay invisible to the trainer's progress reports until the chunk ends.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class TrialLedger {

    @EJB
    Trials trials;

    public Optional<StoredTrial> ask(String study, String worker, int budget) {
        return trials.ask(study, worker, budget);
    }

    public List<StoredTrial> resume(String study, String worker) {
        return trials.resume(study, worker);
    }

    public void tell(String study, long number, Outcome outcome) {
        trials.tell(study, number, outcome, null);
    }
}
