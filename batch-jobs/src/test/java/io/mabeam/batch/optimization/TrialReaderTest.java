package io.mabeam.batch.optimization;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.batch.FakeJobContext;
import io.mabeam.batch.optimization.TrialReader.Progress;
import io.mabeam.batch.optimization.TrialReader.TrialToRun;
import io.mabeam.optimization.entity.Outcome;
import io.mabeam.optimization.entity.TrialState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader of the optimization step and its checkpoint, driven as the batch runtime drives a chunk of one
 * item (read, evaluate, write, checkpoint) against an in-memory study: a fresh partition asks trials up to the
 * budget and then ends; its checkpoint counts the trials it told and resumed and survives serialisation; a
 * restarted partition carries on from its checkpoint, first running again the trials its failed execution
 * left running (resumed), so no trial is asked twice and the study ends with exactly its budget. A partition
 * resumes only its own trials, and only within its job instance.
 */
class TrialReaderTest {

    static final String STUDY = "bowl";
    static final long INSTANCE = 7;

    final InMemoryTrialLedger ledger = new InMemoryTrialLedger(STUDY, 1);

    TrialReader reader(long execution, int partition, int budget) {
        TrialReader reader = new TrialReader();
        reader.studies = ledger;
        reader.job = new FakeJobContext("study-optimization", INSTANCE, execution);
        reader.study = STUDY;
        reader.budget = String.valueOf(budget);
        reader.partition = String.valueOf(partition);
        return reader;
    }

    TrialWriter writer() {
        TrialWriter writer = new TrialWriter();
        writer.studies = ledger;
        writer.study = STUDY;
        return writer;
    }

    /** Committed chunks of one trial each, up to {@code chunks} of them or the end; the last checkpoint. */
    Serializable runChunks(TrialReader reader, int chunks, List<TrialToRun> read) {
        Serializable checkpoint = null;
        for (int i = 0; i < chunks; i++) {
            TrialToRun trial = (TrialToRun) reader.readItem();
            if (trial == null) {
                break;
            }
            read.add(trial);
            writer().writeItems(
                            List.of(new TrialEvaluator.Evaluated(trial.number(), Outcome.complete(trial.number()))));
            checkpoint = reader.checkpointInfo();
        }
        return checkpoint;
    }

    @Test
    void aFreshPartitionAsksTrialsUpToTheBudgetThenEnds() {
        TrialReader reader = reader(70, 0, 3);
        reader.open(null);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            items.add(reader.readItem());
        }
        assertThat(items).extracting(item -> ((TrialToRun) item).number()).containsExactly(0L, 1L, 2L);
        assertThat(items).allSatisfy(item -> {
            TrialToRun trial = (TrialToRun) item;
            assertThat(trial.resumed()).isFalse();
            assertThat(trial.parameters()).containsKeys("x", "layers");
        });
        assertThat(reader.readItem())
                .as("the running trials count against the budget")
                .isNull();
        assertThat(reader.readItem()).isNull();
        assertThat(ledger.asked).containsExactly(0L, 1L, 2L);
        assertThat(ledger.trials.values())
                .allSatisfy(t -> assertThat(t.worker()).isEqualTo(Workers.worker(INSTANCE, "0")));
        assertThat(reader.checkpointInfo()).isEqualTo(new Progress(3, 0));
    }

    @Test
    void theCheckpointCountsTheTrialsToldAndSurvivesSerialisation() throws Exception {
        TrialReader reader = reader(70, 0, 5);
        reader.open(null);
        assertThat(reader.checkpointInfo()).isEqualTo(new Progress(0, 0));
        List<TrialToRun> read = new ArrayList<>();
        Serializable checkpoint = runChunks(reader, 2, read);
        assertThat(checkpoint).isEqualTo(new Progress(2, 0));
        assertThat(serialisedAndBack(checkpoint)).isEqualTo(checkpoint);
        assertThat(serialisedAndBack(read.get(0))).isEqualTo(read.get(0));
    }

    @Test
    void aRestartedPartitionCarriesOnFromItsCheckpointWithoutAskingATrialAgain() {
        TrialReader first = reader(70, 0, 5);
        first.open(null);
        Serializable checkpoint = runChunks(first, 2, new ArrayList<>());
        // the execution fails between chunks; the runtime reopens the reader of the next one with the checkpoint

        TrialReader restarted = reader(71, 0, 5);
        restarted.open(checkpoint);
        List<TrialToRun> read = new ArrayList<>();
        Serializable last = runChunks(restarted, 100, read);

        assertThat(read).extracting(TrialToRun::number).containsExactly(2L, 3L, 4L);
        assertThat(read).noneMatch(TrialToRun::resumed);
        assertThat(last).isEqualTo(new Progress(5, 0));
        assertThat(ledger.asked).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(ledger.trials.values()).allSatisfy(t -> assertThat(t.state()).isEqualTo(TrialState.COMPLETE));
    }

    @Test
    void theTrialsAFailedExecutionLeftRunningAreResumedFirst() {
        TrialReader first = reader(70, 0, 4);
        first.open(null);
        Serializable checkpoint = runChunks(first, 1, new ArrayList<>());
        TrialToRun cutShort = (TrialToRun) first.readItem();
        // its writer failed: the chunk rolls back, trial 1 stays running in the study, the checkpoint is chunk 1's
        assertThat(cutShort.number()).isEqualTo(1);
        assertThat(ledger.state(1)).isEqualTo(TrialState.RUNNING);

        TrialReader restarted = reader(71, 0, 4);
        restarted.open(checkpoint);
        List<TrialToRun> read = new ArrayList<>();
        Serializable last = runChunks(restarted, 100, read);

        assertThat(read.get(0)).isEqualTo(new TrialToRun(1, cutShort.parameters(), true));
        assertThat(read).extracting(TrialToRun::number).containsExactly(1L, 2L, 3L);
        assertThat(read.subList(1, read.size())).noneMatch(TrialToRun::resumed);
        assertThat(last).as("told 1 before and 3 after, 1 of them resumed").isEqualTo(new Progress(4, 1));
        assertThat(ledger.asked).as("no trial asked twice").containsExactly(0L, 1L, 2L, 3L);
        assertThat(ledger.resumed).containsExactly(1L);
        assertThat(ledger.trials).hasSize(4);
        assertThat(ledger.trials.values()).allSatisfy(t -> assertThat(t.state()).isEqualTo(TrialState.COMPLETE));
    }

    @Test
    void aTrialTheStudyEndedWhileTheJobWasDownIsNotResumed() {
        TrialReader first = reader(70, 0, 3);
        first.open(null);
        Serializable checkpoint = runChunks(first, 1, new ArrayList<>());
        first.readItem(); // trial 1, cut short
        ledger.failBehindTheJobsBack(1);

        TrialReader restarted = reader(71, 0, 3);
        restarted.open(checkpoint);
        List<TrialToRun> read = new ArrayList<>();
        assertThat(runChunks(restarted, 100, read)).isEqualTo(new Progress(2, 0));
        assertThat(read).extracting(TrialToRun::number).containsExactly(2L);
        assertThat(ledger.state(1)).isEqualTo(TrialState.FAILED);
    }

    @Test
    void aPartitionResumesOnlyItsOwnTrialsOfItsOwnJobInstance() {
        TrialReader p0 = reader(70, 0, 6);
        TrialReader p1 = reader(70, 1, 6);
        p0.open(null);
        p1.open(null);
        Serializable p0Checkpoint = runChunks(p0, 1, new ArrayList<>());
        Serializable p1Checkpoint = runChunks(p1, 1, new ArrayList<>());
        long p0Orphan = ((TrialToRun) p0.readItem()).number();
        long p1Orphan = ((TrialToRun) p1.readItem()).number();
        // a running trial of another job instance of the study (an earlier run, say) is not this job's to resume
        ledger.ask(STUDY, Workers.worker(INSTANCE + 1, "0"), 6);

        TrialReader restarted = reader(71, 0, 6);
        restarted.open(p0Checkpoint);
        assertThat(((TrialToRun) restarted.readItem()).number()).isEqualTo(p0Orphan);
        assertThat(ledger.resumed).containsExactly(p0Orphan);
        TrialReader restartedP1 = reader(71, 1, 6);
        restartedP1.open(p1Checkpoint);
        assertThat(((TrialToRun) restartedP1.readItem()).number()).isEqualTo(p1Orphan);
        assertThat(ledger.resumed).containsExactly(p0Orphan, p1Orphan);
    }

    @Test
    void theWorkerOfAPartitionIsTheSameInEveryExecutionOfItsInstanceAndItsTrainerIsNot() {
        assertThat(Workers.worker(INSTANCE, "1")).isEqualTo("batch:7:p1");
        assertThat(Workers.trainer(70, "1")).isNotEqualTo(Workers.trainer(71, "1"));
        assertThat(Workers.trainer(70, "1")).isNotEqualTo(Workers.trainer(70, "0"));
    }

    private static Object serialisedAndBack(Serializable value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
