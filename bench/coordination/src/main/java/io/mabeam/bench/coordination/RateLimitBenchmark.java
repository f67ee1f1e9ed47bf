package io.mabeam.bench.coordination;

import com.hazelcast.core.HazelcastInstance;
import io.github.bucket4j.Bucket;
import io.mabeam.foundation.ratelimits.control.Buckets;
import io.mabeam.foundation.ratelimits.entity.RateDecision;
import io.mabeam.foundation.ratelimits.entity.RouteClass;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How long a rate-limit decision takes: MABEAM's shared bucket (Bucket4j compare-and-swap on a Hazelcast map,
 * 1000 clients spread over the partitions of two members, so about half the decisions go to the other
 * member) beside Bucket4j's in-memory bucket on one node, the anchor with nothing shared.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RateLimitBenchmark {

    static final int CLIENTS = 1000;
    List<HazelcastInstance> grid;
    Buckets shared;
    Bucket local;

    @Setup(Level.Trial)
    public void start() {
        grid = Grid.twoMembers(5911);
        shared = new Buckets(grid.get(0).getMap("mabeam.ratelimit.buckets"));
        local = Bucket.builder()
                .addLimit(limit -> limit.capacity(1_000_000_000L).refillGreedy(1_000_000_000L, Duration.ofMinutes(1)))
                .build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        grid.forEach(HazelcastInstance::shutdown);
    }

    @Benchmark
    public RateDecision sharedBucket() {
        String client = "token:" + ThreadLocalRandom.current().nextInt(CLIENTS);
        return shared.take(client, RouteClass.READ, 1_000_000_000L, 1);
    }

    @Benchmark
    public boolean inMemoryBucket() {
        return local.tryConsume(1);
    }
}
