package io.mabeam.batch.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.batch.FakeJobContext;
import io.mabeam.foundation.security.boundary.ApiTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The token housekeeping job purges the tokens inactive since before {@code mabeam.tokens.retention-days} ago
 * (0: everything inactive up to now) and says how many on the job's exit status.
 */
class ApiTokenHousekeepingTest {

    final List<Instant> cutoffs = new ArrayList<>();

    String run(int retentionDays, FakeJobContext job) {
        ApiTokenHousekeeping housekeeping = new ApiTokenHousekeeping();
        housekeeping.tokens = new ApiTokens() {
            @Override
            public int purgeInactiveBefore(Instant cutoff) {
                cutoffs.add(cutoff);
                return 4;
            }
        };
        housekeeping.job = job;
        housekeeping.retentionDays = retentionDays;
        return housekeeping.process();
    }

    @Test
    void purgesTokensInactiveSinceBeforeTheRetentionAndSaysHowMany() {
        FakeJobContext job = new FakeJobContext("api-token-housekeeping", 1, 1);
        Instant before = Instant.now();
        String status = run(30, job);
        Instant after = Instant.now();
        assertThat(status).isEqualTo("PURGED 4");
        assertThat(job.getExitStatus()).isEqualTo("PURGED 4");
        assertThat(cutoffs)
                .singleElement()
                .satisfies(cutoff -> assertThat(cutoff)
                        .isBetween(before.minus(Duration.ofDays(30)), after.minus(Duration.ofDays(30))));
    }

    @Test
    void aRetentionOfNoDaysPurgesEverythingInactiveUpToNow() {
        Instant before = Instant.now();
        run(0, new FakeJobContext("api-token-housekeeping", 1, 1));
        assertThat(cutoffs)
                .singleElement()
                .satisfies(cutoff -> assertThat(cutoff).isBetween(before, Instant.now()));
    }
}
