package io.mabeam.optimization.boundary;

import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.cluster.entity.ClusterMember;
import io.mabeam.foundation.jobs.boundary.Jobs;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.optimization.control.ObjectiveCatalog;
import io.mabeam.optimization.control.ObjectiveNames;
import io.mabeam.optimization.entity.OptimizationRun;
import io.mabeam.optimization.entity.StudyDefinition;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Study optimization jobs: start one for a study (checked first: the study, its budget, the objective), list
 * a study's runs with their steps, stop one, and restart one from its checkpoint, including a run whose node
 * crashed (the batch repository still says it runs; its process is gone), which is first marked failed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OptimizationJobs {

    /** The batch repository's data source as the launcher defines it (absent: crash recovery is unavailable). */
    public static final String BATCH_DATASOURCE = "jdbc/mabeam-batch";

    /** This JVM: a node restarted under the same name is another process. */
    public static final String PROCESS = ManagementFactory.getRuntimeMXBean().getName() + "@"
            + ManagementFactory.getRuntimeMXBean().getStartTime();

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    /** What the components that evaluate objectives know of them (the Python objectives uploaded, say). */
    @Inject
    @Any
    Instance<ObjectiveCatalog> catalogs;

    @EJB
    Jobs jobs;

    @EJB
    Studies studies;

    @EJB
    Cluster cluster;

    /** What a run is asked to do. */
    public record Plan(String study, int budget, int parallelism, String objective, Duration trialTimeout) {}

    /**
     * @throws DomainException 400 for a bad plan, 404 for an unknown study, 409 while a run of the study is going
     */
    public long start(Plan plan) {
        StudyDefinition study = studies.study(plan.study());
        if (plan.budget() < 1 || plan.budget() > 100_000) {
            throw DomainException.invalid("budget is 1 to 100000 trials (the study's total, finished and running)");
        }
        if (plan.parallelism() < 1 || plan.parallelism() > 16) {
            throw DomainException.invalid("parallelism is 1 to 16 trainers");
        }
        if (!ObjectiveNames.valid(plan.objective())) {
            throw DomainException.invalid(ObjectiveNames.HINT);
        }
        for (ObjectiveCatalog catalog : catalogs) {
            catalog.refusal(plan.objective()).ifPresent(refusal -> {
                throw DomainException.invalid(refusal);
            });
        }
        if (plan.trialTimeout().isNegative() || plan.trialTimeout().isZero()) {
            throw DomainException.invalid("trialTimeout is a positive ISO-8601 duration");
        }
        for (OptimizationRun run : runs(study.name())) {
            if (!run.orphaned() && active(run.status())) {
                throw DomainException.conflict(
                        "run " + run.executionId() + " of study " + study.name() + " is " + run.status());
            }
        }
        Properties parameters = new Properties();
        parameters.setProperty("study", study.name());
        parameters.setProperty("budget", String.valueOf(plan.budget()));
        parameters.setProperty("parallelism", String.valueOf(plan.parallelism()));
        parameters.setProperty("objective", plan.objective());
        parameters.setProperty("trialTimeout", plan.trialTimeout().toString());
        long execution = jobs.start(Jobs.STUDY_OPTIMIZATION, parameters);
        // the instance id comes from the job itself as it starts (its listener): on Payara Server asking the
        // operator for the instance right after starting it was refused as unauthorised
        running(execution, -1, study.name());
        return execution;
    }

    /**
     * Records that an execution runs in this process: called by {@link #start} (which does not know the instance
     * yet) and by the job's listener as it starts, in either order and possibly at the same moment. Whichever
     * inserts second updates instead, so the instance id the listener knows is never lost to the start's -1.
     */
    public void running(long executionId, long instanceId, String study) {
        try (Connection connection = dataSource.getConnection()) {
            if (noteRunning(connection, executionId, instanceId)) {
                return;
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into optimization_run (execution_id,"
                    + " instance_id, study, node, member_id, process_id, started_at) values (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, executionId);
                insert.setLong(2, instanceId);
                insert.setString(3, study);
                insert.setString(4, cluster.nodeName());
                insert.setString(5, cluster.memberId());
                insert.setString(6, PROCESS);
                insert.setTimestamp(7, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                    throw e;
                }
                // the other caller inserted the row between our update and insert (autocommit: nothing aborted)
                noteRunning(connection, executionId, instanceId);
            }
        } catch (SQLException e) {
            throw new EJBException("recording optimization run " + executionId + " failed", e);
        }
    }

    private boolean noteRunning(Connection connection, long executionId, long instanceId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update optimization_run set node = ?,"
                + " member_id = ?, process_id = ?, instance_id = greatest(instance_id, ?) where execution_id = ?")) {
            update.setString(1, cluster.nodeName());
            update.setString(2, cluster.memberId());
            update.setString(3, PROCESS);
            update.setLong(4, instanceId);
            update.setLong(5, executionId);
            return update.executeUpdate() == 1;
        }
    }

    /** The executions of a job instance this platform recorded, oldest first. */
    public List<Long> executionsOf(long instanceId) {
        List<Long> executions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select execution_id from optimization_run where instance_id = ? order by execution_id")) {
            select.setLong(1, instanceId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    executions.add(rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new EJBException("listing the executions of instance " + instanceId + " failed", e);
        }
        return executions;
    }

    /** Records that an execution ended. */
    public void ended(long executionId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update optimization_run set ended_at = ? where execution_id = ?")) {
            update.setTimestamp(1, Timestamp.from(Instant.now()));
            update.setLong(2, executionId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new EJBException("recording the end of optimization run " + executionId + " failed", e);
        }
    }

    /** The study's runs, newest first. */
    public List<OptimizationRun> runs(String study) {
        List<OptimizationRun> runs = new ArrayList<>();
        Set<String> members =
                cluster.members().stream().map(ClusterMember::uuid).collect(Collectors.toSet());
        String me = cluster.memberId();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select execution_id, instance_id, node,"
                        + " member_id, process_id from optimization_run where study = ? order by execution_id desc")) {
            select.setString(1, study);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong(1);
                    String member = rows.getString(4);
                    boolean processGone = !members.contains(member)
                            || (member.equals(me) && !rows.getString(5).equals(PROCESS));
                    try {
                        runs.add(run(id, rows.getLong(2), study, rows.getString(3), processGone));
                    } catch (DomainException gone) {
                        // the batch repository was reset: nothing to show or restart
                    }
                }
            }
        } catch (SQLException e) {
            throw new EJBException("listing the runs of " + study + " failed", e);
        }
        return runs;
    }

    /** How many runs the batch repository says are going while their node's process is gone. */
    public int orphanedRuns() {
        List<String> studiesWithOpenRuns = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select distinct study from optimization_run where ended_at is null")) {
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    studiesWithOpenRuns.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new EJBException("counting orphaned runs failed", e);
        }
        return (int) studiesWithOpenRuns.stream()
                .flatMap(study -> runs(study).stream())
                .filter(OptimizationRun::orphaned)
                .count();
    }

    /** @throws DomainException 404 */
    public OptimizationRun run(String study, long executionId) {
        return runs(study).stream()
                .filter(run -> run.executionId() == executionId)
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("study " + study + " has no run " + executionId));
    }

    private OptimizationRun run(long id, long instance, String study, String node, boolean processGone) {
        JobExecution execution = jobs.execution(id);
        List<OptimizationRun.Step> steps = new ArrayList<>();
        for (StepExecution step : jobs.steps(id)) {
            steps.add(new OptimizationRun.Step(
                    step.getStepName(),
                    step.getBatchStatus().name(),
                    step.getExitStatus(),
                    metric(step, Metric.MetricType.READ_COUNT),
                    metric(step, Metric.MetricType.WRITE_COUNT),
                    metric(step, Metric.MetricType.COMMIT_COUNT)));
        }
        String status = execution.getBatchStatus().name();
        return new OptimizationRun(
                id,
                instance,
                study,
                node,
                status,
                execution.getExitStatus(),
                execution.getStartTime() == null
                        ? null
                        : execution.getStartTime().toInstant(),
                execution.getEndTime() == null ? null : execution.getEndTime().toInstant(),
                processGone && active(status),
                steps);
    }

    private static long metric(StepExecution step, Metric.MetricType type) {
        if (step.getMetrics() == null) {
            return 0;
        }
        for (Metric metric : step.getMetrics()) {
            if (metric.getType() == type) {
                return metric.getValue();
            }
        }
        return 0;
    }

    private static boolean active(String status) {
        return status.equals(BatchStatus.STARTING.name())
                || status.equals(BatchStatus.STARTED.name())
                || status.equals(BatchStatus.STOPPING.name());
    }

    /** @throws DomainException 404, 409 when it is not running */
    public void stop(String study, long executionId) {
        OptimizationRun run = run(study, executionId);
        if (!active(run.status()) || run.orphaned()) {
            throw DomainException.conflict("run " + executionId + " is not running (" + run.status()
                    + (run.orphaned() ? ", its node is gone: restart it" : "") + ")");
        }
        jobs.stop(executionId);
    }

    /**
     * Restarts a failed, stopped or orphaned run from its last checkpoint as a new execution.
     *
     * @throws DomainException 404, 409 when it completed, is running, or is not the newest execution of its instance
     */
    public long restart(String study, long executionId) {
        OptimizationRun run = run(study, executionId);
        if (active(run.status())) {
            if (!run.orphaned()) {
                throw DomainException.conflict("run " + executionId + " is " + run.status() + "; stop it first");
            }
            markFailed(executionId);
            ended(executionId);
        } else if (run.status().equals(BatchStatus.COMPLETED.name())
                || run.status().equals(BatchStatus.ABANDONED.name())) {
            throw DomainException.conflict("run " + executionId + " is " + run.status() + "; start a new one");
        }
        long restarted = jobs.restart(executionId);
        running(restarted, run.instanceId(), study);
        return restarted;
    }

    /**
     * Marks an execution whose process is gone as failed in the batch repository, as its own runtime would have
     * had it lived to see the failure.
     */
    private static void markFailed(long executionId) {
        DataSource batch;
        try {
            batch = (DataSource) new InitialContext().lookup(BATCH_DATASOURCE);
        } catch (NamingException e) {
            throw DomainException.conflict("the batch repository is not " + BATCH_DATASOURCE
                    + " (see docs/training.md): a run whose node crashed cannot be restarted here");
        }
        Timestamp now = Timestamp.from(Instant.now());
        Jdbc.useConnection(batch, "marking run " + executionId + " failed", connection -> {
            // Payara's batch runtime records how many partitions a step has only when the step ends: a step cut
            // short by a crash cannot restart its partitions. Forgetting the step's status makes the restart
            // run it afresh; its partitions resume from the study, whose committed trials are the checkpoint.
            try (PreparedStatement delete = connection.prepareStatement("delete from jbatchstepstatus where id in"
                    + " (select stepexecid from jbatchstepexecutioninstancedata where jobexecid = ?"
                    + " and batchstatus in ('STARTING', 'STARTED', 'STOPPING'))")) {
                delete.setLong(1, executionId);
                delete.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement("update jbatchexecutioninstancedata set"
                    + " batchstatus = 'FAILED', exitstatus = 'NODE_LOST', endtime = ?, updatetime = ?"
                    + " where jobexecid = ? and batchstatus in ('STARTING', 'STARTED', 'STOPPING')")) {
                update.setTimestamp(1, now);
                update.setTimestamp(2, now);
                update.setLong(3, executionId);
                update.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement("update jbatchstepexecutioninstancedata set"
                    + " batchstatus = 'FAILED', exitstatus = 'NODE_LOST', endtime = ?"
                    + " where jobexecid = ? and batchstatus in ('STARTING', 'STARTED', 'STOPPING')")) {
                update.setTimestamp(1, now);
                update.setLong(2, executionId);
                update.executeUpdate();
            }
        });
    }
}
