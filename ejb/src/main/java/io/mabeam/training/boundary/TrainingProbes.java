package io.mabeam.training.boundary;

import io.mabeam.datasets.boundary.Datasets;
import io.mabeam.foundation.health.boundary.HealthProbe;
import io.mabeam.foundation.health.entity.ComponentHealth;
import io.mabeam.foundation.health.entity.ComponentHealth.Status;
import io.mabeam.optimization.boundary.OptimizationJobs;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Health of training: Deeplearning4j's backend on this node (down when its native libraries did not load),
 * the datasets, and batch runs left behind by a crashed node (degraded until someone restarts them). Not
 * critical: the rest of the node works without it.
 */
@ApplicationScoped
public class TrainingProbes {

    @EJB
    TrainingBackend backend;

    @EJB
    Datasets datasets;

    @EJB
    OptimizationJobs jobs;

    @Produces
    HealthProbe training() {
        return () -> {
            try {
                TrainingBackend.State state = backend.state();
                if (state.failure() != null) {
                    return new ComponentHealth("training", Status.DOWN, false, state.detail());
                }
                int orphaned = jobs.orphanedRuns();
                String detail = state.detail() + "; " + datasets.list().size() + " datasets";
                if (orphaned > 0) {
                    return new ComponentHealth(
                            "training",
                            Status.DEGRADED,
                            false,
                            detail + "; " + orphaned
                                    + " batch run(s) whose node is gone: restart them (POST …/jobs/{execution}/restart)");
                }
                return new ComponentHealth("training", state.ready() ? Status.UP : Status.DEGRADED, false, detail);
            } catch (RuntimeException e) {
                return new ComponentHealth("training", Status.DOWN, false, String.valueOf(e.getMessage()));
            }
        };
    }
}
