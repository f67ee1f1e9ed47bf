package io.mabeam.batch.optimization;

import io.mabeam.optimization.entity.StoredTrial;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the partition's next trial: first the trials its earlier execution left running (resumed from the
 * start), then new ones asked from the study while the study's trials are within the budget. The checkpoint
 * counts the trials this partition has told.
 */
@Named("trialReader")
@Dependent
public class TrialReader extends AbstractItemReader {

    /** A trial to evaluate. */
    public record TrialToRun(long number, Map<String, Object> parameters, boolean resumed) implements Serializable {}

    /** The partition's progress as checkpointed after every trial. */
    public record Progress(int told, int resumed) implements Serializable {}

    @EJB
    TrialLedger studies;

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String study;

    @Inject
    @BatchProperty
    String budget;

    @Inject
    @BatchProperty
    String partition;

    private final Deque<StoredTrial> orphans = new ArrayDeque<>();
    private int told;
    private int resumed;

    @Override
    public void open(Serializable checkpoint) {
        if (checkpoint instanceof Progress progress) {
            told = progress.told();
            resumed = progress.resumed();
        }
        orphans.addAll(studies.resume(study, worker()));
        resumed += orphans.size();
    }

    @Override
    public Object readItem() {
        StoredTrial orphan = orphans.poll();
        if (orphan != null) {
            told++;
            return new TrialToRun(orphan.number(), orphan.trial().parameters(), true);
        }
        Optional<StoredTrial> next = studies.ask(study, worker(), Integer.parseInt(budget));
        if (next.isEmpty()) {
            return null;
        }
        told++;
        return new TrialToRun(next.get().number(), next.get().trial().parameters(), false);
    }

    @Override
    public Serializable checkpointInfo() {
        return new Progress(told, resumed);
    }

    private String worker() {
        return Workers.worker(job.getInstanceId(), partition);
    }
}
