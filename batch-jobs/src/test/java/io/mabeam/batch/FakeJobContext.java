package io.mabeam.batch;

import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import java.util.Properties;

/** A job context for artifacts run outside a batch runtime: fixed ids, and the exit status they set. */
public final class FakeJobContext implements JobContext {

    private final String jobName;
    private final long instanceId;
    private final long executionId;
    private String exitStatus;
    private Object transientUserData;

    public FakeJobContext(String jobName, long instanceId, long executionId) {
        this.jobName = jobName;
        this.instanceId = instanceId;
        this.executionId = executionId;
    }

    @Override
    public String getJobName() {
        return jobName;
    }

    @Override
    public Object getTransientUserData() {
        return transientUserData;
    }

    @Override
    public void setTransientUserData(Object data) {
        transientUserData = data;
    }

    @Override
    public long getInstanceId() {
        return instanceId;
    }

    @Override
    public long getExecutionId() {
        return executionId;
    }

    @Override
    public Properties getProperties() {
        return new Properties();
    }

    @Override
    public BatchStatus getBatchStatus() {
        return BatchStatus.STARTED;
    }

    @Override
    public String getExitStatus() {
        return exitStatus;
    }

    @Override
    public void setExitStatus(String status) {
        exitStatus = status;
    }
}
