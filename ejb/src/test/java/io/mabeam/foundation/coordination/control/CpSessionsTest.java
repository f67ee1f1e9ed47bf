package io.mabeam.foundation.coordination.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.lock.FencedLock;
import io.mabeam.testing.InJvmGrid;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two data grid members in this JVM, in CP unsafe mode as Payara runs them with fewer than three. */
class CpSessionsTest {

    @Test
    void theLockOfAMemberThatDiedIsFreedWhenItsShortenedSessionExpires() {
        List<HazelcastInstance> grid = InJvmGrid.start(5881, 5882);
        HazelcastInstance survivor = grid.get(0);
        HazelcastInstance doomed = grid.get(1);
        try {
            assertThat(CpSessions.tune(survivor, Duration.ofSeconds(4), Duration.ofSeconds(1)))
                    .hasValueSatisfying(live ->
                            assertThat(live.getSessionTimeToLiveSeconds()).isEqualTo(4));
            assertThat(CpSessions.tune(doomed, Duration.ofSeconds(4), Duration.ofSeconds(1)))
                    .isPresent();

            FencedLock held = doomed.getCPSubsystem().getLock("mabeam.lock.crash");
            long firstFence = held.lockAndGetFence();
            doomed.getLifecycleService().terminate(); // no goodbye: as if the process were killed

            FencedLock wanted = survivor.getCPSubsystem().getLock("mabeam.lock.crash");
            // Hazelcast's default session time-to-live would keep the lock for 300 s
            long nextFence = wanted.tryLockAndGetFence(60, TimeUnit.SECONDS);
            assertThat(nextFence).isNotEqualTo(FencedLock.INVALID_FENCE).isGreaterThan(firstFence);
            wanted.unlock();
        } finally {
            InJvmGrid.stop(grid);
        }
    }

    @Test
    void aTimeToLiveNotLongerThanTheHeartbeatIsRefused() {
        assertThatThrownBy(() -> CpSessions.tune(null, Duration.ofSeconds(2), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be longer than its heartbeat");
    }
}
