package io.mabeam.agents.boundary;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent platform's own threads, made by the container's {@code ManagedThreadFactory}: a clock (housekeeping,
 * the journal's flush, agents' timers, the runtime's watchdog), workers for its control tasks (starts, moves,
 * adoptions), and one lane each way for messages between nodes, so they keep their order as they did.
 *
 * <p>The platform does not use the server's default executors for these: Payara configures them with
 * {@code core-pool-size="0"} and an unbounded queue, which a {@code ThreadPoolExecutor} serves with one thread. A
 * move, a message from another node or a fence check queued there waits behind whatever else the application
 * queued (an agent's training, a probe blocked on the data grid), and a node that just joined could sit a minute
 * without starting the agents given to it.
 */
public final class AgentThreads implements AutoCloseable {

    private final ScheduledThreadPoolExecutor clock;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor inbound;
    private final ThreadPoolExecutor outbound;

    AgentThreads(ThreadFactory factory, int clockThreads, int workerThreads) {
        clock = new ScheduledThreadPoolExecutor(Math.max(1, clockThreads), named(factory, "mabeam-agents-clock-"));
        clock.setRemoveOnCancelPolicy(true);
        int size = Math.max(1, workerThreads);
        workers = new ThreadPoolExecutor(
                size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named(factory, "mabeam-agents-worker-"));
        workers.allowCoreThreadTimeOut(true);
        inbound = lane(factory, "mabeam-agents-inbound-");
        outbound = lane(factory, "mabeam-agents-outbound-");
    }

    /** Timers and periodic work: keep each task short. */
    ScheduledExecutorService clock() {
        return clock;
    }

    /** Control tasks that may block a while (a move waits for the agent's copy to stop). */
    ExecutorService workers() {
        return workers;
    }

    /** Envelopes from other nodes, handled one after the other in the order they came. */
    ExecutorService inbound() {
        return inbound;
    }

    /** Agents' messages to agents on other nodes, sent one after the other in the order they were sent. */
    ExecutorService outbound() {
        return outbound;
    }

    /** Work waiting for a thread. */
    int queued() {
        return workers.getQueue().size()
                + inbound.getQueue().size()
                + outbound.getQueue().size();
    }

    @Override
    public void close() {
        clock.shutdownNow();
        workers.shutdown();
        inbound.shutdown();
        outbound.shutdown();
    }

    private static ThreadPoolExecutor lane(ThreadFactory factory, String prefix) {
        ThreadPoolExecutor lane =
                new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named(factory, prefix));
        lane.allowCoreThreadTimeOut(true);
        return lane;
    }

    private static ThreadFactory named(ThreadFactory factory, String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = factory.newThread(task);
            thread.setName(prefix + count.incrementAndGet());
            return thread;
        };
    }
}
