package io.mabeam.optimization.boundary;

import io.mabeam.foundation.coordination.boundary.Leadership;
import io.mabeam.foundation.tasks.boundary.TaskSupervisor;
import io.mabeam.foundation.tasks.entity.TaskSpec;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * Fails running trials whose worker stopped sending heartbeats (and enqueues their retries), once a second,
 * on the node that leads role {@code study-scheduler} — one node does it, and another takes over when it dies.
 */
@Singleton
@Startup
@DependsOn({"Database", "Leadership", "TaskSupervisor"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TrialHeartbeatWatch {

    static final String TASK = "trial-heartbeat-watch";
    static final String ROLE = "study-scheduler";

    @EJB
    TaskSupervisor tasks;

    @EJB
    Leadership leadership;

    @EJB
    Studies studies;

    private volatile boolean stopping;

    @PostConstruct
    void start() {
        tasks.supervise(TaskSpec.permanent(TASK), () -> {
            while (!stopping) {
                if (leadership.isLeading(ROLE)) {
                    studies.failStaleTrials();
                }
                Thread.sleep(1000);
            }
        });
    }

    @PreDestroy
    void stop() {
        stopping = true;
        tasks.stop(TASK);
    }
}
