package io.mabeam.bridge.control;

import io.mabeam.bridge.entity.PoolStats;
import io.mabeam.training.control.Objective;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The workers of one Python objective on this node: at most {@code size} processes, started when first needed
 * and kept for the next trials (the interpreter, numpy and the objective's imports load once per worker, not
 * once per trial).
 *
 * <ul>
 *   <li><b>Back-pressure</b>: an evaluation takes a free worker; when none is free it waits up to
 *       {@code acquireTimeout}, with at most {@code maxWaiting} others — beyond that it is refused at once
 *       ({@link WorkerFailure.Kind#BUSY}).
 *   <li><b>Supervision</b>: a worker that dies, hangs past the evaluation timeout (killed) or breaks the protocol
 *       is replaced by a new one on the next evaluation, after a backoff that doubles with each consecutive
 *       failure from {@code initialBackoff} to {@code maxBackoff} (a crash loop does not spin the machine) and
 *       resets after an evaluation that went well.
 *   <li><b>Recycling</b>: a worker is retired after {@code recycleAfter} evaluations (0: never), so memory an
 *       objective leaks does not grow without end.
 * </ul>
 */
public final class WorkerPool implements AutoCloseable {

    /** How a pool runs its workers. */
    public record Settings(
            int size,
            int maxWaiting,
            Duration acquireTimeout,
            Duration evaluationTimeout,
            Duration startTimeout,
            Duration initialBackoff,
            Duration maxBackoff,
            int recycleAfter) {

        public Settings {
            if (size < 1) {
                throw new IllegalArgumentException("a pool needs at least one worker");
            }
            if (maxWaiting < 0) {
                throw new IllegalArgumentException("maxWaiting must not be negative");
            }
        }

        public static Settings defaults() {
            return new Settings(
                    2,
                    16,
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(30),
                    Duration.ofSeconds(60),
                    Duration.ofMillis(200),
                    Duration.ofSeconds(30),
                    500);
        }

        public Settings withSize(int size) {
            return new Settings(
                    size,
                    maxWaiting,
                    acquireTimeout,
                    evaluationTimeout,
                    startTimeout,
                    initialBackoff,
                    maxBackoff,
                    recycleAfter);
        }

        public Settings withEvaluationTimeout(Duration timeout) {
            return new Settings(
                    size, maxWaiting, acquireTimeout, timeout, startTimeout, initialBackoff, maxBackoff, recycleAfter);
        }

        public Settings withQueue(int maxWaiting, Duration acquireTimeout) {
            return new Settings(
                    size,
                    maxWaiting,
                    acquireTimeout,
                    evaluationTimeout,
                    startTimeout,
                    initialBackoff,
                    maxBackoff,
                    recycleAfter);
        }

        public Settings withBackoff(Duration initial, Duration max) {
            return new Settings(
                    size, maxWaiting, acquireTimeout, evaluationTimeout, startTimeout, initial, max, recycleAfter);
        }

        public Settings withRecycleAfter(int evaluations) {
            return new Settings(
                    size,
                    maxWaiting,
                    acquireTimeout,
                    evaluationTimeout,
                    startTimeout,
                    initialBackoff,
                    maxBackoff,
                    evaluations);
        }
    }

    private final String objective;
    private final String version;
    private final WorkerCommand command;
    private final Settings settings;
    private final ThreadFactory threads;
    private final Semaphore permits;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Deque<PythonWorker> idle = new ArrayDeque<>();
    private final Set<PythonWorker> alive = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private final LongAdder evaluations = new LongAdder();
    private final LongAdder started = new LongAdder();
    private final Map<WorkerFailure.Kind, LongAdder> failures = new ConcurrentHashMap<>();
    private int consecutiveFailures;
    private long notBeforeNanos = System.nanoTime();
    private volatile boolean closed;
    private volatile String python = "";

    /**
     * @param objective the objective's name, for logs and stats
     * @param version which version of its source the workers run (its hash)
     */
    public WorkerPool(
            String objective, String version, WorkerCommand command, Settings settings, ThreadFactory threads) {
        this.objective = objective;
        this.version = version;
        this.command = command;
        this.settings = settings;
        this.threads = threads;
        this.permits = new Semaphore(settings.size(), true);
    }

    public String objective() {
        return objective;
    }

    public String version() {
        return version;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Evaluates a trial on a worker of this pool.
     *
     * @throws WorkerFailure BUSY (no worker in time), START (no worker could start), or what the worker's
     *     evaluation threw
     */
    public double[] evaluate(
            String study, long trial, Map<String, Object> parameters, Objective.Progress progress, TrialLog log)
            throws WorkerFailure, Objective.Pruned, InterruptedException {
        if (closed) {
            throw new WorkerFailure(WorkerFailure.Kind.BUSY, "the pool of " + objective + " is closed");
        }
        acquire(log);
        PythonWorker worker = null;
        try {
            worker = take(log);
            double[] values;
            try {
                values = worker.evaluate(
                        study + "/" + trial + "/" + sequence.incrementAndGet(),
                        study,
                        trial,
                        parameters,
                        progress,
                        settings.evaluationTimeout(),
                        log);
            } catch (WorkerFailure failure) {
                count(failure.kind());
                if (failure.kind() == WorkerFailure.Kind.ERROR) {
                    succeeded();
                } else {
                    failed();
                }
                throw failure;
            }
            succeeded();
            return values;
        } catch (Objective.Pruned pruned) {
            succeeded();
            throw pruned;
        } finally {
            evaluations.increment();
            if (worker != null) {
                giveBack(worker);
            }
            permits.release();
        }
    }

    private void acquire(TrialLog log) throws WorkerFailure, InterruptedException {
        if (permits.tryAcquire()) {
            return;
        }
        if (waiting.incrementAndGet() > settings.maxWaiting()) {
            waiting.decrementAndGet();
            count(WorkerFailure.Kind.BUSY);
            String why = "all " + settings.size() + " worker(s) of " + objective + " are busy and "
                    + settings.maxWaiting() + " evaluation(s) wait already";
            log.note(why);
            throw new WorkerFailure(WorkerFailure.Kind.BUSY, why);
        }
        try {
            if (!permits.tryAcquire(settings.acquireTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                count(WorkerFailure.Kind.BUSY);
                String why = "no worker of " + objective + " was free within "
                        + WorkerMessages.describe(settings.acquireTimeout());
                log.note(why);
                throw new WorkerFailure(WorkerFailure.Kind.BUSY, why);
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** An idle worker, or a new one once the backoff after recent failures has passed. */
    private PythonWorker take(TrialLog log) throws WorkerFailure, InterruptedException {
        synchronized (idle) {
            while (!idle.isEmpty()) {
                PythonWorker worker = idle.pollFirst();
                if (worker.alive()) {
                    return worker;
                }
                alive.remove(worker);
            }
        }
        long wait;
        synchronized (this) {
            wait = notBeforeNanos - System.nanoTime();
        }
        if (wait > 0) {
            log.note("starting a new worker after " + TimeUnit.NANOSECONDS.toMillis(wait)
                    + " ms of backoff (recent failures: " + consecutiveFailures() + ")");
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        try {
            PythonWorker worker = PythonWorker.start(command, settings.startTimeout(), threads);
            started.increment();
            python = worker.python();
            alive.add(worker);
            return worker;
        } catch (WorkerFailure failure) {
            count(failure.kind());
            failed();
            log.note("the worker did not start: " + failure.getMessage());
            if (failure.traceback() != null) {
                failure.traceback().lines().forEach(log::add);
            }
            throw failure;
        }
    }

    private void giveBack(PythonWorker worker) {
        boolean retire = closed
                || !worker.alive()
                || (settings.recycleAfter() > 0 && worker.evaluations() >= settings.recycleAfter());
        if (retire) {
            alive.remove(worker);
            if (worker.alive()) {
                threads.newThread(worker::close).start();
            }
            return;
        }
        synchronized (idle) {
            idle.addFirst(worker);
        }
    }

    private synchronized void succeeded() {
        consecutiveFailures = 0;
    }

    private synchronized void failed() {
        consecutiveFailures++;
        long backoff = Math.min(
                settings.maxBackoff().toNanos(),
                settings.initialBackoff().toNanos() << Math.min(consecutiveFailures - 1, 30));
        notBeforeNanos = System.nanoTime() + backoff;
    }

    private synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    private void count(WorkerFailure.Kind kind) {
        failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public long failures(WorkerFailure.Kind kind) {
        LongAdder count = failures.get(kind);
        return count == null ? 0 : count.sum();
    }

    public PoolStats stats() {
        int idleNow;
        synchronized (idle) {
            idleNow = idle.size();
        }
        int aliveNow = (int) alive.stream().filter(PythonWorker::alive).count();
        long backoffMillis;
        int recentFailures;
        synchronized (this) {
            backoffMillis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(notBeforeNanos - System.nanoTime()));
            recentFailures = consecutiveFailures;
        }
        return new PoolStats(
                objective,
                version,
                python,
                settings.size(),
                aliveNow,
                Math.max(0, settings.size() - permits.availablePermits()),
                idleNow,
                waiting.get(),
                evaluations.sum(),
                started.sum(),
                failures(WorkerFailure.Kind.ERROR),
                failures(WorkerFailure.Kind.CRASH),
                failures(WorkerFailure.Kind.TIMEOUT),
                failures(WorkerFailure.Kind.START),
                failures(WorkerFailure.Kind.BUSY),
                recentFailures,
                backoffMillis);
    }

    /** Retires the pool: idle workers stop now, busy ones when their evaluation ends. */
    @Override
    public void close() {
        closed = true;
        Deque<PythonWorker> stopping;
        synchronized (idle) {
            stopping = new ArrayDeque<>(idle);
            idle.clear();
        }
        stopping.forEach(worker -> {
            alive.remove(worker);
            worker.close();
        });
    }

    /** Kills every worker at once (the node is stopping). */
    public void kill() {
        closed = true;
        alive.forEach(PythonWorker::kill);
        alive.clear();
        synchronized (idle) {
            idle.clear();
        }
    }
}
