package io.mabeam.improvement.boundary;

import io.mabeam.consensus.entity.ProposalDecided;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/** Hears the consensus' decisions once their transaction committed, and hands them to {@link ImprovementDecisions}. */
@ApplicationScoped
public class ProposalDecisions {

    @EJB
    ImprovementDecisions decisions;

    void decided(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProposalDecided decided) {
        decisions.decided(decided);
    }
}
