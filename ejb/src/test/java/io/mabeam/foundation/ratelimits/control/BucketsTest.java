package io.mabeam.foundation.ratelimits.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.mabeam.foundation.ratelimits.entity.RateDecision;
import io.mabeam.foundation.ratelimits.entity.RouteClass;
import io.mabeam.testing.InJvmGrid;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two data grid members in this JVM share each client's bucket, as two nodes do. */
class BucketsTest {

    static List<HazelcastInstance> grid;
    static HazelcastInstance first;
    static HazelcastInstance second;

    @BeforeAll
    static void cluster() {
        grid = InJvmGrid.start(5871, 5872);
        first = grid.get(0);
        second = grid.get(1);
        assertThat(second.getCluster().getMembers()).hasSize(2);
    }

    @AfterAll
    static void stop() {
        InJvmGrid.stop(grid);
    }

    @Test
    void aClientsBucketIsSharedByTheMembersAndRefusesWhenEmpty() {
        Buckets onFirst = new Buckets(first.getMap("buckets"));
        Buckets onSecond = new Buckets(second.getMap("buckets"));
        String client = "token:" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(onFirst.take(client, RouteClass.WRITE, 5, 1).allowed()).isTrue();
        }
        RateDecision fourth = onSecond.take(client, RouteClass.WRITE, 5, 1);
        assertThat(fourth.allowed()).isTrue();
        assertThat(fourth.remaining()).isEqualTo(1);
        assertThat(onFirst.take(client, RouteClass.WRITE, 5, 1).allowed()).isTrue();
        RateDecision refused = onSecond.take(client, RouteClass.WRITE, 5, 1);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(java.time.Duration.ofSeconds(12));
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 12L);
        // other route classes and other clients have buckets of their own
        assertThat(onSecond.take(client, RouteClass.READ, 5, 1).allowed()).isTrue();
        assertThat(onSecond.take("user:other", RouteClass.WRITE, 5, 1).allowed())
                .isTrue();
    }

    @Test
    void aLargerLimitWithANewerVersionResizesTheBucketKeepingItsShare() {
        Buckets buckets = new Buckets(first.getMap("buckets"));
        String client = "user:" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            assertThat(buckets.take(client, RouteClass.READ, 2, 1).allowed()).isTrue();
        }
        assertThat(buckets.take(client, RouteClass.READ, 2, 1).allowed()).isFalse();
        // the same size under the old version changes nothing; a new size under a newer version applies
        assertThat(buckets.take(client, RouteClass.READ, 100, 1).allowed()).isFalse();
        RateDecision resized = buckets.take(client, RouteClass.READ, 100, 2);
        assertThat(resized.limit()).isEqualTo(100);
        assertThat(resized.remaining()).isLessThan(100);
    }
}
