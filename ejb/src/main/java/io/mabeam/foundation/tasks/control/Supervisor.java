package io.mabeam.foundation.tasks.control;

import io.mabeam.foundation.tasks.entity.TaskSpec;
import io.mabeam.foundation.tasks.entity.TaskState;
import io.mabeam.foundation.tasks.entity.TaskStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Runs tasks on threads of their own and restarts them by their {@link TaskSpec} ({@link RestartPolicy}).
 * Plain Java: the container hands it a managed thread factory and scheduler, tests plain ones.
 */
public class Supervisor implements AutoCloseable {

    /** A task's body: runs until its work is done, or until interrupted when stopped. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** Hears what happens to the tasks; called on the tasks' threads, so it must be quick. */
    public interface Listener {
        default void ended(TaskState state, Throwable failure) {}

        default void escalated(TaskState state, Throwable lastFailure) {}
    }

    private final ThreadFactory threads;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final RandomGenerator random;
    private final Listener listener;
    private final Map<String, Supervised> tasks = new ConcurrentHashMap<>();

    public Supervisor(
            ThreadFactory threads,
            ScheduledExecutorService scheduler,
            Clock clock,
            RandomGenerator random,
            Listener listener) {
        this.threads = threads;
        this.scheduler = scheduler;
        this.clock = clock;
        this.random = random;
        this.listener = listener;
    }

    /**
     * Starts supervising a task.
     *
     * @throws IllegalStateException a task of that name is supervised already
     */
    public void supervise(TaskSpec spec, Work work) {
        Supervised task = new Supervised(spec, work);
        if (tasks.putIfAbsent(spec.name(), task) != null) {
            throw new IllegalStateException("task " + spec.name() + " is supervised already");
        }
        task.start();
    }

    /** Stops a task (interrupting it) and forgets it; false if there was none. */
    public boolean stop(String name) {
        Supervised task = tasks.remove(name);
        if (task == null) {
            return false;
        }
        task.stop();
        return true;
    }

    /**
     * Starts a task again that is not running — given up, failed or completed — with its restart history
     * cleared; false if it is running or backing off, or unknown.
     */
    public boolean restart(String name) {
        Supervised task = tasks.get(name);
        return task != null && task.restartByHand();
    }

    public List<TaskState> states() {
        return tasks.values().stream()
                .map(Supervised::state)
                .sorted(Comparator.comparing(TaskState::name))
                .toList();
    }

    @Override
    public void close() {
        List.copyOf(tasks.keySet()).forEach(this::stop);
    }

    private final class Supervised {
        private final TaskSpec spec;
        private final Work work;
        private final Deque<Instant> recentRestarts = new ArrayDeque<>();
        private TaskStatus status = TaskStatus.BACKING_OFF;
        private int restarts;
        private int consecutiveFailures;
        private String lastError;
        private Instant startedAt;
        private Instant nextStartAt;
        private Thread thread;
        private ScheduledFuture<?> pendingStart;

        Supervised(TaskSpec spec, Work work) {
            this.spec = spec;
            this.work = work;
        }

        synchronized void start() {
            if (status == TaskStatus.STOPPED) {
                return;
            }
            status = TaskStatus.RUNNING;
            startedAt = clock.instant();
            nextStartAt = null;
            pendingStart = null;
            thread = threads.newThread(this::runOnce);
            thread.setName("mabeam-task-" + spec.name());
            thread.start();
        }

        private void runOnce() {
            Throwable failure = null;
            try {
                work.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            } catch (Exception | Error e) {
                failure = e;
            }
            ended(failure);
        }

        private void ended(Throwable failure) {
            TaskState state;
            boolean escalated = false;
            java.time.Duration backoff = null;
            synchronized (this) {
                if (status == TaskStatus.STOPPED) {
                    return;
                }
                Instant now = clock.instant();
                consecutiveFailures = failure == null ? 0 : consecutiveFailures + 1;
                lastError = failure == null ? lastError : describe(failure);
                RestartPolicy.Decision decision =
                        RestartPolicy.decide(spec, failure != null, consecutiveFailures, recentRestarts, now, random);
                if (decision instanceof RestartPolicy.Restart restart) {
                    status = TaskStatus.BACKING_OFF;
                    recentRestarts.addLast(now);
                    restarts++;
                    nextStartAt = now.plus(restart.delay());
                    backoff = restart.delay();
                } else if (decision instanceof RestartPolicy.Escalate) {
                    status = TaskStatus.ESCALATED;
                    escalated = true;
                } else {
                    status = failure == null ? TaskStatus.COMPLETED : TaskStatus.FAILED;
                }
                state = state();
            }
            listener.ended(state, failure);
            if (escalated) {
                listener.escalated(state, failure);
            }
            if (backoff != null) {
                // scheduled only once listeners have heard of this end: the next run's end is heard after it
                synchronized (this) {
                    if (status == TaskStatus.BACKING_OFF && pendingStart == null) {
                        pendingStart = scheduler.schedule(this::start, backoff.toNanos(), TimeUnit.NANOSECONDS);
                    }
                }
            }
        }

        synchronized boolean restartByHand() {
            if (status == TaskStatus.RUNNING || status == TaskStatus.BACKING_OFF || status == TaskStatus.STOPPED) {
                return false;
            }
            recentRestarts.clear();
            consecutiveFailures = 0;
            restarts++;
            start();
            return true;
        }

        synchronized void stop() {
            status = TaskStatus.STOPPED;
            if (pendingStart != null) {
                pendingStart.cancel(false);
            }
            if (thread != null) {
                thread.interrupt();
            }
        }

        synchronized TaskState state() {
            Instant windowStart = clock.instant().minus(spec.window());
            int inWindow = (int) recentRestarts.stream()
                    .filter(at -> !at.isBefore(windowStart))
                    .count();
            return new TaskState(
                    spec.name(), spec.strategy(), status, restarts, inWindow, lastError, startedAt, nextStartAt);
        }
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
