package io.mabeam.batch.optimization;

/** The names a partition goes by: as the study's worker, and its trainer agent. */
final class Workers {

    private Workers() {}

    /** The worker the study records for a partition's trials: stable across restarts of the job instance. */
    static String worker(long jobInstanceId, String partition) {
        return "batch:" + jobInstanceId + ":p" + partition;
    }

    /** The partition's trainer agent: one per execution, started on the node that runs it. */
    static String trainer(long executionId, String partition) {
        return "batch-" + executionId + "-p" + partition;
    }
}
