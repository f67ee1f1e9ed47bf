package io.mabeam.optimization.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.foundation.problems.DomainException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trial's state machine: waiting and running, then complete, pruned or failed; retries and heartbeats. */
class StoredTrialTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(5);
    private static final Instant T2 = T0.plusSeconds(9);

    private static StoredTrial running() {
        return StoredTrial.running(3, Map.of("x", 0.5), Map.of("generation", 1), "w1", T0);
    }

    @Test
    void aSuggestedTrialRunsForItsWorkerFromNow() {
        StoredTrial trial = running();
        assertThat(trial.state()).isEqualTo(TrialState.RUNNING);
        assertThat(trial.worker()).isEqualTo("w1");
        assertThat(trial.startedAt()).isEqualTo(T0);
        assertThat(trial.heartbeatAt()).isEqualTo(T0);
        assertThat(trial.finishedAt()).isNull();
        assertThat(trial.trial().systemAttributes()).containsEntry("generation", 1);
        assertThat(trial.original()).isEqualTo(3);
    }

    @Test
    void aQueuedTrialWaitsAndStartsOnceForWhoeverAsks() {
        StoredTrial queued = StoredTrial.queued(4, Map.of("x", 1.0), "{\"a\":1}", null, T0);
        assertThat(queued.state()).isEqualTo(TrialState.WAITING);
        assertThat(queued.worker()).isNull();
        assertThat(queued.startedAt()).isNull();

        StoredTrial started = queued.start("w2", T1);
        assertThat(started.state()).isEqualTo(TrialState.RUNNING);
        assertThat(started.worker()).isEqualTo("w2");
        assertThat(started.createdAt()).isEqualTo(T0);
        assertThat(started.startedAt()).isEqualTo(T1);
        assertThat(started.heartbeatAt()).isEqualTo(T1);
        assertThat(started.userAttributes()).isEqualTo("{\"a\":1}");
        assertThatThrownBy(() -> started.start("w3", T2))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("RUNNING");
    }

    @Test
    void endingARunningTrialKeepsItsParametersAndIntermediates() {
        StoredTrial reported = running().report(0, 0.9, T1).orElseThrow();
        StoredTrial ended = reported.end(
                        new Outcome(TrialState.COMPLETE, List.of(0.25), List.of(-1.0)), "{\"k\":2}", T2)
                .orElseThrow();
        assertThat(ended.state()).isEqualTo(TrialState.COMPLETE);
        assertThat(ended.trial().values()).containsExactly(0.25);
        assertThat(ended.trial().constraints()).containsExactly(-1.0);
        assertThat(ended.trial().intermediates()).containsEntry(0L, 0.9);
        assertThat(ended.trial().parameters()).containsEntry("x", 0.5);
        assertThat(ended.userAttributes()).isEqualTo("{\"k\":2}");
        assertThat(ended.finishedAt()).isEqualTo(T2);
        assertThat(ended.heartbeatAt()).isEqualTo(T1);
    }

    @Test
    void endingWithoutAttributesKeepsTheOldOnes() {
        StoredTrial ended = running()
                .end(new Outcome(TrialState.PRUNED, List.of(), List.of()), null, T1)
                .orElseThrow();
        assertThat(ended.state()).isEqualTo(TrialState.PRUNED);
        assertThat(ended.userAttributes()).isEqualTo("{}");
    }

    @Test
    void tellingAFinishedTrialTheSameAgainIsHarmlessAndAnythingElseConflicts() {
        StoredTrial ended = running().end(Outcome.complete(1.5), null, T1).orElseThrow();
        assertThat(ended.end(Outcome.complete(1.5), null, T2)).isEmpty();
        assertThatThrownBy(() -> ended.end(Outcome.complete(2.5), null, T2))
                .isInstanceOf(DomainException.class)
                .hasMessage("trial 3 is COMPLETE already")
                .extracting(e -> ((DomainException) e).reason())
                .isEqualTo(DomainException.Reason.CONFLICT);
        assertThatThrownBy(() -> ended.end(new Outcome(TrialState.FAILED, List.of(), List.of()), null, T2))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void aWaitingTrialCannotBeToldOrReportedTo() {
        StoredTrial queued = StoredTrial.queued(4, Map.of(), "{}", null, T0);
        assertThatThrownBy(() -> queued.end(Outcome.complete(1), null, T1))
                .hasMessage("trial 4 is WAITING (not asked yet)");
        assertThatThrownBy(() -> queued.report(0, 1, T1)).hasMessageContaining("reports go to running trials");
        assertThatThrownBy(() -> queued.expire(T1)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> queued.restart(T1)).isInstanceOf(DomainException.class);
    }

    @Test
    void aReportIsAHeartbeatAndReportingAStepAgainIsHarmlessOnlyWithTheSameValue() {
        StoredTrial once = running().report(2, 0.7, T1).orElseThrow();
        assertThat(once.heartbeatAt()).isEqualTo(T1);
        assertThat(once.trial().intermediates()).containsEntry(2L, 0.7);
        assertThat(once.report(2, 0.7, T2)).isEmpty();
        assertThatThrownBy(() -> once.report(2, 0.8, T2)).hasMessage("step 2 of trial 3 was reported as 0.7");
        assertThat(once.report(3, 0.6, T2).orElseThrow().trial().intermediates())
                .hasSize(2);
    }

    @Test
    void aReportMustBeAFiniteNumberAtANonNegativeStep() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> running().report(0, bad, T1))
                    .extracting(e -> ((DomainException) e).reason())
                    .isEqualTo(DomainException.Reason.INVALID);
        }
        assertThatThrownBy(() -> running().report(-1, 0, T1))
                .extracting(e -> ((DomainException) e).reason())
                .isEqualTo(DomainException.Reason.INVALID);
    }

    @Test
    void aRestartClearsWhatWasReportedAndRenewsTheHeartbeat() {
        StoredTrial reported = running().report(0, 0.3, T1).orElseThrow();
        StoredTrial restarted = reported.restart(T2);
        assertThat(restarted.state()).isEqualTo(TrialState.RUNNING);
        assertThat(restarted.trial().intermediates()).isEmpty();
        assertThat(restarted.heartbeatAt()).isEqualTo(T2);
        assertThat(restarted.startedAt()).isEqualTo(T0);
        assertThat(restarted.trial().systemAttributes()).containsEntry("generation", 1);
    }

    @Test
    void anExpiredTrialFailsAndItsRetriesCountAgainstTheFirst() {
        StoredTrial expired = running().expire(T2);
        assertThat(expired.state()).isEqualTo(TrialState.FAILED);
        assertThat(expired.finishedAt()).isEqualTo(T2);
        assertThat(expired.heartbeatAt()).isEqualTo(T0);

        StoredTrial retry = expired.retry(7, T2);
        assertThat(retry.state()).isEqualTo(TrialState.WAITING);
        assertThat(retry.number()).isEqualTo(7);
        assertThat(retry.retryOf()).isEqualTo(3);
        assertThat(retry.trial().parameters()).containsEntry("x", 0.5);

        StoredTrial retryOfRetry = retry.start("w9", T2).expire(T2).retry(8, T2);
        assertThat(retryOfRetry.retryOf()).isEqualTo(3);
        assertThatThrownBy(() -> expired.expire(T2)).isInstanceOf(DomainException.class);
    }

    @Test
    void eachEndingStateHasItsEvent() {
        assertThat(TrialState.COMPLETE.eventType()).isEqualTo("TrialCompleted");
        assertThat(TrialState.PRUNED.eventType()).isEqualTo("TrialPruned");
        assertThat(TrialState.FAILED.eventType()).isEqualTo("TrialFailed");
        assertThat(TrialState.COMPLETE.finished()).isTrue();
        assertThat(TrialState.RUNNING.finished()).isFalse();
        assertThat(TrialState.WAITING.finished()).isFalse();
    }
}
