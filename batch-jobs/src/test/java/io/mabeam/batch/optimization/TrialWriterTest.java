package io.mabeam.batch.optimization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.optimization.entity.Outcome;
import io.mabeam.optimization.entity.TrialState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The writer of the optimization step tells the study how each trial ended. A trial the study ended meanwhile
 * (409: the heartbeat watch failed it while the job was down) stays as the study recorded it and the job goes
 * on; any other refusal (the study's 400 for an objective that gave the wrong number of values) or failure
 * fails the chunk, so the step fails and can be restarted from its checkpoint with the trial still running.
 */
class TrialWriterTest {

    final InMemoryTrialLedger ledger = new InMemoryTrialLedger("bowl", 1);
    final TrialWriter writer = new TrialWriter();

    TrialWriterTest() {
        writer.studies = ledger;
        writer.study = "bowl";
        for (int i = 0; i < 3; i++) {
            ledger.ask("bowl", "batch:1:p0", 10);
        }
    }

    static TrialEvaluator.Evaluated evaluated(long number, Outcome outcome) {
        return new TrialEvaluator.Evaluated(number, outcome);
    }

    @Test
    void tellsTheStudyHowEachTrialEnded() {
        writer.writeItems(List.of(
                evaluated(0, Outcome.complete(0.5)),
                evaluated(1, new Outcome(TrialState.FAILED, List.of(), List.of())),
                evaluated(2, new Outcome(TrialState.PRUNED, List.of(), List.of()))));
        assertThat(ledger.state(0)).isEqualTo(TrialState.COMPLETE);
        assertThat(ledger.trials.get(0L).trial().values()).containsExactly(0.5);
        assertThat(ledger.state(1)).isEqualTo(TrialState.FAILED);
        assertThat(ledger.state(2)).isEqualTo(TrialState.PRUNED);
    }

    @Test
    void aTrialTheStudyEndedMeanwhileStaysAsRecordedAndTheOthersAreStillTold() {
        ledger.failBehindTheJobsBack(1);
        writer.writeItems(List.of(evaluated(1, Outcome.complete(0.1)), evaluated(2, Outcome.complete(0.2))));
        assertThat(ledger.state(1)).isEqualTo(TrialState.FAILED);
        assertThat(ledger.trials.get(1L).trial().values()).isEmpty();
        assertThat(ledger.state(2)).isEqualTo(TrialState.COMPLETE);
    }

    @Test
    void anyOtherRefusalOfTheStudyFailsTheChunkAndLeavesTheTrialRunning() {
        assertThatThrownBy(() -> writer.writeItems(List.of(evaluated(0, Outcome.complete(1, 2)))))
                .isInstanceOfSatisfying(
                        DomainException.class, p -> assertThat(p.reason()).isEqualTo(DomainException.Reason.INVALID))
                .hasMessageContaining("1 objective(s); 2 value(s) given");
        assertThat(ledger.state(0)).isEqualTo(TrialState.RUNNING);
        assertThatThrownBy(() -> writer.writeItems(List.of(evaluated(99, Outcome.complete(1)))))
                .isInstanceOfSatisfying(
                        DomainException.class, p -> assertThat(p.reason()).isEqualTo(DomainException.Reason.NOT_FOUND));
    }

    @Test
    void aFailureOfTheStudyFailsTheChunk() {
        writer.studies = new InMemoryTrialLedger("bowl", 1) {
            @Override
            public void tell(String study, long number, Outcome outcome) {
                throw new IllegalStateException("the database is away");
            }
        };
        assertThatThrownBy(() -> writer.writeItems(List.of(evaluated(0, Outcome.complete(1)))))
                .isInstanceOf(IllegalStateException.class);
    }
}
