package io.mabeam.batch.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.batch.FakeJobContext;
import io.mabeam.foundation.events.boundary.Retention;
import io.mabeam.foundation.events.entity.RetentionOutcome;
import io.mabeam.foundation.events.entity.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The retention job's exit status sums what every policy removed and what subscriptions held back, on the job
 * as well as the step (the REST API shows the job's).
 */
class EventRetentionBatchletTest {

    static RetentionOutcome outcome(String prefix, long removed, String heldBackBy, long heldBack) {
        RetentionPolicy policy =
                new RetentionPolicy(prefix, Duration.ofDays(30), RetentionPolicy.Action.DELETE, "admin", Instant.EPOCH);
        return new RetentionOutcome(policy, Instant.EPOCH, removed, null, null, heldBackBy, heldBack);
    }

    String run(List<RetentionOutcome> outcomes, FakeJobContext job) {
        EventRetentionBatchlet batchlet = new EventRetentionBatchlet();
        batchlet.retention = new Retention() {
            @Override
            public List<RetentionOutcome> applyAll() {
                return outcomes;
            }
        };
        batchlet.job = job;
        return batchlet.process();
    }

    @Test
    void theExitStatusSumsRemovedAndHeldBackOverThePolicies() {
        FakeJobContext job = new FakeJobContext("event-retention", 1, 1);
        String status = run(List.of(outcome("study:", 120, null, 0), outcome("agent:", 3, "audit-export", 40)), job);
        assertThat(status).isEqualTo("REMOVED 123 HELD_BACK 40");
        assertThat(job.getExitStatus()).isEqualTo(status);
    }

    @Test
    void noPoliciesRemoveNothing() {
        assertThat(run(List.of(), new FakeJobContext("event-retention", 1, 1))).isEqualTo("REMOVED 0 HELD_BACK 0");
    }
}
