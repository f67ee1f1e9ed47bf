package io.mabeam.batch.optimization;

import io.mabeam.agents.boundary.Agents;
import io.mabeam.optimization.boundary.OptimizationJobs;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records which node process runs an execution (so a run whose node crashed can be told and restarted), and
 * stops the trainer agents of the instance's earlier executions and, at the end, of this one.
 */
@Named("optimizationRunListener")
@Dependent
public class OptimizationRunListener implements JobListener {

    private static final Logger LOG = Logger.getLogger(OptimizationRunListener.class.getName());

    @EJB
    OptimizationJobs runs;

    @EJB
    Agents agents;

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String study;

    @Inject
    @BatchProperty
    String parallelism;

    @Override
    public void beforeJob() {
        runs.running(job.getExecutionId(), job.getInstanceId(), study);
        for (long earlier : runs.executionsOf(job.getInstanceId())) {
            if (earlier != job.getExecutionId()) {
                stopTrainers(earlier);
            }
        }
    }

    @Override
    public void afterJob() {
        stopTrainers(job.getExecutionId());
        runs.ended(job.getExecutionId());
    }

    private void stopTrainers(long executionId) {
        for (int k = 0; k < Integer.parseInt(parallelism); k++) {
            String trainer = Workers.trainer(executionId, String.valueOf(k));
            try {
                if (agents.get(trainer).spec().wanted()) {
                    agents.stop(trainer);
                }
            } catch (RuntimeException absent) {
                LOG.log(Level.FINE, absent, () -> "no trainer " + trainer + " to stop");
            }
        }
    }
}
