package io.mabeam.foundation.jobs.entity;

import jakarta.batch.runtime.JobExecution;
import java.time.Instant;
import java.util.Date;

/** One execution of a batch job. */
public record JobRun(
        long id,
        String jobName,
        String status,
        String exitStatus,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt) {

    public static JobRun of(JobExecution execution) {
        return new JobRun(
                execution.getExecutionId(),
                execution.getJobName(),
                String.valueOf(execution.getBatchStatus()),
                execution.getExitStatus(),
                instant(execution.getCreateTime()),
                instant(execution.getStartTime()),
                instant(execution.getEndTime()));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
