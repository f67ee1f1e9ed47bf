package io.mabeam.bench.coordination;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.lock.FencedLock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Take-and-release of a cluster lock as {@code Locks.withLock} does it ({@code FencedLock}, CP unsafe mode as
 * Payara runs it below three CP members): one caller alone, and four callers on two members fighting for one
 * lock.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LockBenchmark {

    List<HazelcastInstance> grid;
    FencedLock onFirst;
    FencedLock onSecond;
    FencedLock alone;

    @Setup(Level.Trial)
    public void start() {
        grid = Grid.twoMembers(5901);
        onFirst = grid.get(0).getCPSubsystem().getLock("mabeam.lock.contended");
        onSecond = grid.get(1).getCPSubsystem().getLock("mabeam.lock.contended");
        alone = grid.get(0).getCPSubsystem().getLock("mabeam.lock.uncontended");
    }

    @TearDown(Level.Trial)
    public void stop() {
        grid.forEach(HazelcastInstance::shutdown);
    }

    @Benchmark
    public long uncontended() {
        long fence = alone.lockAndGetFence();
        alone.unlock();
        return fence;
    }

    @Benchmark
    @Group("contended")
    @GroupThreads(2)
    public long contendedFromFirstMember() {
        long fence = onFirst.lockAndGetFence();
        onFirst.unlock();
        return fence;
    }

    @Benchmark
    @Group("contended")
    @GroupThreads(2)
    public long contendedFromSecondMember() {
        long fence = onSecond.lockAndGetFence();
        onSecond.unlock();
        return fence;
    }
}
