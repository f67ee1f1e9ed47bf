package io.mabeam.foundation.jobs.boundary;

import io.mabeam.foundation.jobs.entity.JobRun;
import io.mabeam.foundation.jobs.entity.JobSummary;
import io.mabeam.foundation.problems.DomainException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Starts and reports the platform's batch jobs. Only the jobs listed here can be started, so a caller
 * cannot run arbitrary job XML that happens to be on the class path.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Jobs {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    public static final String API_TOKEN_HOUSEKEEPING = "api-token-housekeeping";
    public static final String EVENT_RETENTION = "event-retention";
    public static final String STUDY_OPTIMIZATION = "study-optimization";

    static final Map<String, String> KNOWN = Map.of(
            API_TOKEN_HOUSEKEEPING,
            "Deletes API tokens revoked or expired longer ago than mabeam.tokens.retention-days",
            EVENT_RETENTION,
            "Archives or deletes old events as the retention policies say, never past a subscription",
            STUDY_OPTIMIZATION,
            "Runs a study to its budget with parallel trainer agents (start it through /studies/{name}/jobs)");

    public long start(String jobName) {
        if (STUDY_OPTIMIZATION.equals(jobName)) {
            throw DomainException.invalid(
                    "a study optimization job is started for a study: POST /api/v1/studies/{name}/jobs");
        }
        return start(jobName, new Properties());
    }

    /** Starts a job with parameters (checked by the caller). */
    public long start(String jobName, Properties parameters) {
        requireKnown(jobName);
        long id = operator().start(jobName, parameters);
        metrics.counter("mabeam.jobs.started", new Tag("job", jobName)).inc();
        return id;
    }

    public JobRun run(long executionId) {
        try {
            JobExecution execution = operator().getJobExecution(executionId);
            requireKnown(execution.getJobName());
            return JobRun.of(execution);
        } catch (NoSuchJobExecutionException e) {
            throw DomainException.notFound("no job run " + executionId);
        }
    }

    /*
     * Every call on the job operator goes through this bean: on Payara Server the batch runtime authorises
     * operations on a job by the component that started it, so another bean of the same application asking
     * about a job started here was refused.
     */

    /** A run's execution as the batch runtime has it. @throws DomainException 404 */
    public JobExecution execution(long executionId) {
        try {
            return operator().getJobExecution(executionId);
        } catch (NoSuchJobExecutionException e) {
            throw DomainException.notFound("no job run " + executionId);
        }
    }

    public List<jakarta.batch.runtime.StepExecution> steps(long executionId) {
        return operator().getStepExecutions(executionId);
    }

    public void stop(long executionId) {
        operator().stop(executionId);
    }

    /** Restarts a run with the parameters it had; the new execution's id. */
    public long restart(long executionId) {
        JobOperator operator = operator();
        long restarted;
        try {
            restarted = operator.restart(executionId, operator.getParameters(executionId));
        } catch (jakarta.batch.operations.JobExecutionNotMostRecentException e) {
            throw DomainException.conflict(
                    "run " + executionId + " was restarted already; restart its newest execution");
        } catch (jakarta.batch.operations.BatchRuntimeException e) {
            throw DomainException.conflict("run " + executionId + " cannot be restarted: " + e.getMessage());
        }
        metrics.counter(
                        "mabeam.jobs.restarted",
                        new Tag("job", operator.getJobExecution(restarted).getJobName()))
                .inc();
        return restarted;
    }

    public List<JobSummary> all() {
        return KNOWN.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(job -> new JobSummary(
                        job.getKey(), job.getValue(), latestRun(job.getKey()).orElse(null)))
                .toList();
    }

    Optional<JobRun> latestRun(String jobName) {
        try {
            JobOperator operator = operator();
            List<JobInstance> instances = operator.getJobInstances(jobName, 0, 1);
            return instances.stream()
                    .flatMap(instance -> operator.getJobExecutions(instance).stream())
                    .max(Comparator.comparingLong(JobExecution::getExecutionId))
                    .map(JobRun::of);
        } catch (NoSuchJobException neverRun) {
            return Optional.empty();
        } catch (RuntimeException | java.util.ServiceConfigurationError repositoryAway) {
            // the batch repository's database is away (restarting): the list still shows the jobs
            java.util.logging.Logger.getLogger(Jobs.class.getName())
                    .warning(() -> "the batch repository did not answer: " + repositoryAway);
            return Optional.empty();
        }
    }

    private static void requireKnown(String jobName) {
        if (!KNOWN.containsKey(jobName)) {
            throw DomainException.notFound("no job '" + jobName + "'; jobs are " + String.join(", ", KNOWN.keySet()));
        }
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
