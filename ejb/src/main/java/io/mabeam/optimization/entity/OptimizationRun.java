package io.mabeam.optimization.entity;

import java.time.Instant;
import java.util.List;

/**
 * One execution of a study's optimization job: where it runs, its batch status and exit status, and its steps;
 * {@code orphaned} when its node's process is gone while the batch repository still says it runs.
 */
public record OptimizationRun(
        long executionId,
        long instanceId,
        String study,
        String node,
        String status,
        String exitStatus,
        Instant startedAt,
        Instant endedAt,
        boolean orphaned,
        List<Step> steps) {

    /** A step of the execution with its status and the items (trials) it read and wrote. */
    public record Step(String name, String status, String exitStatus, long read, long written, long commits) {}
}
