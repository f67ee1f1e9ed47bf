package io.mabeam.improvement.boundary;

import io.mabeam.consensus.entity.ProposalDecided;
import io.mabeam.foundation.coordination.boundary.Leadership;
import io.mabeam.foundation.coordination.entity.Roles;
import io.mabeam.foundation.tasks.boundary.TaskSupervisor;
import io.mabeam.foundation.tasks.entity.TaskSpec;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Acts on the reviewers' decisions: at once on the node where a round closes (the consensus' decision event,
 * after its transaction committed), and — for decisions a node died before acting on — in a sweep every
 * {@link #SWEEP_MILLIS} ms by the leader of {@code study-scheduler}.
 */
@Singleton
@Startup
@DependsOn({"Database", "Leadership"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ImprovementDecisions {

    private static final Logger LOG = Logger.getLogger(ImprovementDecisions.class.getName());
    static final String TASK = "improvement-sweep";
    static final long SWEEP_MILLIS = 5_000;

    @EJB
    Improvements improvements;

    @EJB
    TaskSupervisor tasks;

    @EJB
    Leadership leadership;

    @Resource
    ManagedExecutorService executor;

    private volatile boolean stopping;

    @PostConstruct
    void start() {
        tasks.supervise(TaskSpec.permanent(TASK), () -> {
            while (!stopping) {
                Thread.sleep(SWEEP_MILLIS);
                if (leadership.isLeading(Roles.SCHEDULER)) {
                    try {
                        improvements.reconcile();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "the improvement sweep failed; it tries again", e);
                    }
                }
            }
        });
    }

    /** A decided proposal that is a change of a study: act on it (in the background: the vote's thread goes on). */
    public void decided(ProposalDecided decided) {
        if (!Improvements.isChange(decided.terms())) {
            return;
        }
        String improvement = decided.terms().getString("improvement", null);
        if (improvement == null) {
            return;
        }
        executor.submit(() -> {
            try {
                improvements.decided(improvement, decided.decision());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "acting on the decision about improvement " + improvement + " failed", e);
            }
        });
    }

    @PreDestroy
    void stop() {
        stopping = true;
        tasks.stop(TASK);
    }
}
