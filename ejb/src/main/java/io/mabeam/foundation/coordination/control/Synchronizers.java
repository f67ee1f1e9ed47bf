package io.mabeam.foundation.coordination.control;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.ICountDownLatch;
import com.hazelcast.cp.ISemaphore;
import com.hazelcast.map.IMap;
import io.mabeam.foundation.coordination.entity.BarrierRound;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Countdown latches, barriers and semaphores on Hazelcast's CP subsystem. A barrier is a latch per round,
 * set to the number of parties by the first arrival; each party is counted once per round however often it
 * arrives (a client that retries after a timeout is not counted twice), and a round's parties are fixed by
 * its first arrival.
 */
public class Synchronizers {

    static final String ARRIVALS = "mabeam.coordination.barrier-arrivals";
    private final HazelcastInstance hazelcast;

    public Synchronizers(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    // --- countdown latches -------------------------------------------------------------------------

    /** Sets a latch's count; false when it is counting down already (its count is not zero). */
    public boolean setLatch(String name, int count) {
        requirePositive(count, "a latch's count");
        return latch(name).trySetCount(count);
    }

    public int latchCount(String name) {
        return latch(name).getCount();
    }

    /** Counts down once and answers the count left. */
    public int countDown(String name) {
        ICountDownLatch latch = latch(name);
        latch.countDown();
        return latch.getCount();
    }

    /** Waits until the latch reaches zero; false when {@code wait} passed first. */
    public boolean awaitLatch(String name, Duration wait) throws InterruptedException {
        return latch(name).await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    // --- barriers ----------------------------------------------------------------------------------

    /**
     * {@code participant} arrives at round {@code round} of a barrier for {@code parties} parties and waits
     * up to {@code wait} for the others.
     *
     * @throws IllegalStateException the round was opened for another number of parties
     */
    public BarrierRound arrive(String barrier, long round, int parties, String participant, Duration wait)
            throws InterruptedException {
        requirePositive(parties, "a barrier's parties");
        String key = barrier + "#" + round;
        ICountDownLatch latch = latch("barrier." + key);
        IMap<String, String> arrivals = hazelcast.getMap(ARRIVALS);
        arrivals.lock(key);
        try {
            Set<String> arrived = parse(arrivals.get(key));
            int roundParties = arrived.isEmpty() ? parties : Integer.parseInt(arrivals.get(key + "#parties"));
            if (roundParties != parties) {
                throw new IllegalStateException("round " + round + " of barrier " + barrier + " waits for "
                        + roundParties + " parties, not " + parties);
            }
            if (arrived.isEmpty()) {
                latch.trySetCount(parties);
                arrivals.set(key + "#parties", String.valueOf(parties));
            }
            if (arrived.size() < parties && arrived.add(participant)) {
                arrivals.set(key, String.join("\n", arrived));
                latch.countDown();
            }
        } finally {
            arrivals.unlock(key);
        }
        boolean open = latch.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        return new BarrierRound(
                barrier, round, parties, parse(arrivals.get(key)).size(), open);
    }

    /** A round as it stands; zero arrivals for a round nobody reached yet. */
    public BarrierRound round(String barrier, long round) {
        String key = barrier + "#" + round;
        IMap<String, String> arrivals = hazelcast.getMap(ARRIVALS);
        int arrived = parse(arrivals.get(key)).size();
        String parties = arrivals.get(key + "#parties");
        int expected = parties == null ? 0 : Integer.parseInt(parties);
        return new BarrierRound(barrier, round, expected, arrived, expected > 0 && arrived >= expected);
    }

    // --- semaphores --------------------------------------------------------------------------------

    /** Gives a semaphore its permits; false when it has been given them already. */
    public boolean initSemaphore(String name, int permits) {
        requirePositive(permits, "a semaphore's permits");
        return semaphore(name).init(permits);
    }

    public int availablePermits(String name) {
        return semaphore(name).availablePermits();
    }

    /**
     * Runs {@code work} holding {@code permits} of the semaphore, bounding how many such pieces of work run
     * at once across the cluster. The permits go back when the work ends, or when this member dies.
     *
     * @throws IllegalStateException the permits were not free within {@code wait}
     */
    public <T> T withPermits(String name, int permits, Duration wait, Supplier<T> work) throws InterruptedException {
        requirePositive(permits, "the permits taken");
        ISemaphore semaphore = semaphore(name);
        if (!semaphore.tryAcquire(permits, wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(
                    permits + " permit(s) of semaphore " + name + " were not free within " + wait);
        }
        try {
            return work.get();
        } finally {
            semaphore.release(permits);
        }
    }

    private ICountDownLatch latch(String name) {
        return hazelcast.getCPSubsystem().getCountDownLatch("mabeam.latch." + name);
    }

    private ISemaphore semaphore(String name) {
        return hazelcast.getCPSubsystem().getSemaphore("mabeam.semaphore." + name);
    }

    private static Set<String> parse(String arrivals) {
        Set<String> set = new TreeSet<>();
        if (arrivals != null && !arrivals.isEmpty()) {
            set.addAll(java.util.List.of(arrivals.split("\n")));
        }
        return set;
    }

    private static void requirePositive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " is at least 1");
        }
    }
}
