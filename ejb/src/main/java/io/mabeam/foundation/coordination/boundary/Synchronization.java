package io.mabeam.foundation.coordination.boundary;

import com.hazelcast.core.HazelcastInstance;
import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.coordination.control.Synchronizers;
import io.mabeam.foundation.coordination.entity.BarrierRound;
import io.mabeam.foundation.problems.DomainException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Cluster-wide countdown latches, barriers for synchronous rounds and semaphores for bounded concurrency
 * ({@link Synchronizers}), with the checks and problems callers of the REST API get.
 */
@Singleton
@Startup
@DependsOn("Cluster")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Synchronization {

    public static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance hazelcast;

    @EJB
    Cluster cluster;

    private Synchronizers synchronizers;

    @PostConstruct
    void start() {
        if (cluster.isClustered()) {
            synchronizers = new Synchronizers(hazelcast);
        }
    }

    public boolean setLatch(String name, int count) {
        return call(name, Duration.ZERO, () -> synchronizers.setLatch(name, count));
    }

    public int latchCount(String name) {
        return call(name, Duration.ZERO, () -> synchronizers.latchCount(name));
    }

    public int countDown(String name) {
        return call(name, Duration.ZERO, () -> synchronizers.countDown(name));
    }

    public boolean awaitLatch(String name, Duration wait) {
        return call(name, wait, () -> interruptibly(() -> synchronizers.awaitLatch(name, wait)));
    }

    public BarrierRound arrive(String barrier, long round, int parties, String participant, Duration wait) {
        if (round < 0) {
            throw DomainException.invalid("a round is a number from 0");
        }
        if (participant == null || !Locks.NAME.matcher(participant).matches()) {
            throw DomainException.invalid(
                    "a participant is named by 1 to 100 letters, digits or . _ : -, starting with a letter or digit");
        }
        return call(
                barrier,
                wait,
                () -> interruptibly(() -> synchronizers.arrive(barrier, round, parties, participant, wait)));
    }

    public BarrierRound round(String barrier, long round) {
        return call(barrier, Duration.ZERO, () -> synchronizers.round(barrier, round));
    }

    public boolean initSemaphore(String name, int permits) {
        return call(name, Duration.ZERO, () -> synchronizers.initSemaphore(name, permits));
    }

    public int availablePermits(String name) {
        return call(name, Duration.ZERO, () -> synchronizers.availablePermits(name));
    }

    /** Runs {@code work} holding permits of a cluster-wide semaphore; 409 when they are not free in time. */
    public <T> T withPermits(String name, int permits, Duration wait, Supplier<T> work) {
        return call(name, wait, () -> interruptibly(() -> synchronizers.withPermits(name, permits, wait, work)));
    }

    private <T> T call(String name, Duration wait, Supplier<T> operation) {
        if (name == null || !Locks.NAME.matcher(name).matches()) {
            throw DomainException.invalid(
                    "a name is 1 to 100 letters, digits or . _ : -, starting with a letter or digit");
        }
        if (wait == null || wait.isNegative() || wait.compareTo(LONGEST_WAIT) > 0) {
            throw DomainException.invalid("a wait lasts between 0 and " + LONGEST_WAIT);
        }
        if (synchronizers == null) {
            throw new DomainException(
                    DomainException.Reason.UNAVAILABLE, "Service Unavailable", "this node runs without a data grid");
        }
        try {
            return operation.get();
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        } catch (IllegalStateException e) {
            throw DomainException.conflict(e.getMessage());
        }
    }

    interface Interruptible<T> {
        T get() throws InterruptedException;
    }

    private static <T> T interruptibly(Interruptible<T> operation) {
        try {
            return operation.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(
                    DomainException.Reason.UNAVAILABLE, "Service Unavailable", "interrupted while waiting");
        }
    }
}
