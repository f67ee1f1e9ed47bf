package io.mabeam.optimization.boundary;

import io.mabeam.foundation.coordination.boundary.Leadership;
import io.mabeam.foundation.coordination.entity.LeadershipChange;
import io.mabeam.foundation.coordination.entity.Roles;
import io.mabeam.foundation.tasks.boundary.TaskSupervisor;
import io.mabeam.foundation.tasks.entity.TaskSpec;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;

/**
 * Fails running trials whose worker stopped sending heartbeats (and enqueues their retries), once a second,
 * while this node leads role {@code study-scheduler}: one node watches, and another takes over when it dies.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TrialHeartbeatWatch {

    static final String TASK = "trial-heartbeat-watch";

    @EJB
    TaskSupervisor tasks;

    @EJB
    Leadership leadership;

    @EJB
    Trials trials;

    private volatile boolean stopping;

    public void leadershipChanged(@Observes LeadershipChange change) {
        if (!change.role().equals(Roles.SCHEDULER)) {
            return;
        }
        if (change.leading()) {
            tasks.stop(TASK); // a watch left from an earlier term
            tasks.supervise(TaskSpec.permanent(TASK), () -> {
                while (!stopping) {
                    if (leadership.isLeading(Roles.SCHEDULER)) {
                        trials.failStaleTrials();
                    }
                    Thread.sleep(1000);
                }
            });
        } else {
            tasks.stop(TASK);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        tasks.stop(TASK);
    }
}
