package io.mabeam.foundation.coordination.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import io.mabeam.foundation.coordination.entity.BarrierRound;
import io.mabeam.testing.InJvmGrid;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Latches, barriers and semaphores used from two data grid members, as from two nodes. */
class SynchronizersTest {

    static List<HazelcastInstance> grid;
    static Synchronizers one;
    static Synchronizers two;

    @BeforeAll
    static void cluster() {
        grid = InJvmGrid.start(5891, 5892);
        one = new Synchronizers(grid.get(0));
        two = new Synchronizers(grid.get(1));
    }

    @AfterAll
    static void stop() {
        InJvmGrid.stop(grid);
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aLatchOpensWhenCountedDownOnAnyMemberAndCannotBeResetWhileCounting() throws Exception {
        String latch = unique("latch");
        assertThat(one.setLatch(latch, 2)).isTrue();
        assertThat(two.setLatch(latch, 5)).isFalse();
        assertThat(one.awaitLatch(latch, Duration.ZERO)).isFalse();
        assertThat(two.countDown(latch)).isEqualTo(1);
        assertThat(one.countDown(latch)).isZero();
        assertThat(two.awaitLatch(latch, Duration.ofSeconds(5))).isTrue();
        assertThat(two.setLatch(latch, 1)).isTrue(); // open again: it may count anew
        assertThatThrownBy(() -> one.setLatch(latch, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBarrierRoundOpensWhenEveryPartyArrivedCountingEachPartyOnce() throws Exception {
        String barrier = unique("rung");
        BarrierRound early = one.arrive(barrier, 1, 2, "trial-a", Duration.ZERO);
        assertThat(early.open()).isFalse();
        assertThat(early.arrived()).isEqualTo(1);
        BarrierRound retried = two.arrive(barrier, 1, 2, "trial-a", Duration.ZERO);
        assertThat(retried.arrived()).as("arriving again does not count twice").isEqualTo(1);
        assertThat(retried.open()).isFalse();

        CompletableFuture<BarrierRound> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return one.arrive(barrier, 1, 2, "trial-a", Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        BarrierRound last = two.arrive(barrier, 1, 2, "trial-b", Duration.ofSeconds(5));
        assertThat(last.open()).isTrue();
        assertThat(waiting.get(30, TimeUnit.SECONDS).open()).isTrue();
        assertThat(one.round(barrier, 1)).isEqualTo(new BarrierRound(barrier, 1, 2, 2, true));
        assertThat(one.round(barrier, 2).open()).isFalse();

        assertThatThrownBy(() -> two.arrive(barrier, 1, 3, "trial-c", Duration.ZERO))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("waits for 2 parties, not 3");
    }

    @Test
    void aSemaphoreBoundsHowManyRunAtOnceAcrossMembers() throws Exception {
        String semaphore = unique("gpu");
        assertThat(one.initSemaphore(semaphore, 1)).isTrue();
        assertThat(two.initSemaphore(semaphore, 3)).isFalse();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return one.withPermits(semaphore, 1, Duration.ofSeconds(5), () -> {
                    holding.countDown();
                    await(finish);
                    return "first";
                });
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(two.availablePermits(semaphore)).isZero();
        assertThatThrownBy(() -> two.withPermits(semaphore, 1, Duration.ofMillis(200), () -> "second"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not free within");
        finish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(two.withPermits(semaphore, 1, Duration.ofSeconds(5), () -> "second"))
                .isEqualTo("second");
        assertThat(one.availablePermits(semaphore)).isEqualTo(1);
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
