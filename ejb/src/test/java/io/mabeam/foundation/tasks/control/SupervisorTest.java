package io.mabeam.foundation.tasks.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.foundation.tasks.entity.RestartStrategy;
import io.mabeam.foundation.tasks.entity.TaskSpec;
import io.mabeam.foundation.tasks.entity.TaskState;
import io.mabeam.foundation.tasks.entity.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisor with real threads: tasks that fail, finish, block and are given up. A task's status changes
 * before its listener hears of it, so what the listener heard is awaited, never assumed from the status.
 */
class SupervisorTest {

    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    final Supervisor supervisor = new Supervisor(
            Executors.defaultThreadFactory(), scheduler, Clock.systemUTC(), new Random(1), new Supervisor.Listener() {
                @Override
                public void ended(TaskState state, Throwable failure) {
                    heard.add(state.name() + " " + state.status()
                            + (failure == null ? "" : " after " + failure.getMessage()));
                }

                @Override
                public void escalated(TaskState state, Throwable lastFailure) {
                    heard.add(state.name() + " escalated");
                }
            });

    @AfterEach
    void stop() {
        supervisor.close();
        scheduler.shutdownNow();
    }

    static TaskSpec spec(String name, RestartStrategy strategy, int maxRestarts) {
        return new TaskSpec(
                name, strategy, Duration.ofMillis(5), Duration.ofMillis(20), maxRestarts, Duration.ofMinutes(1));
    }

    @Test
    void aTransientTaskIsRestartedAfterFailuresUntilItCompletes() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        supervisor.supervise(spec("flaky", RestartStrategy.TRANSIENT, 5), () -> {
            if (runs.incrementAndGet() < 3) {
                throw new IllegalStateException("failure " + runs.get());
            }
            done.countDown();
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(awaitHeard(3))
                .containsExactly(
                        "flaky BACKING_OFF after failure 1", "flaky BACKING_OFF after failure 2", "flaky COMPLETED");
        TaskState state = awaitStatus("flaky", TaskStatus.COMPLETED);
        assertThat(runs).hasValue(3);
        assertThat(state.restarts()).isEqualTo(2);
        assertThat(state.lastError()).isEqualTo("IllegalStateException: failure 2");
        assertThat(heard).isEmpty();
    }

    @Test
    void aTaskFailingTooOftenIsEscalatedAndAnOperatorCanStartItAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        supervisor.supervise(spec("broken", RestartStrategy.PERMANENT, 3), () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("always");
        });
        // three restarts, then the fourth failure ends escalated: four ends and one escalation
        assertThat(awaitHeard(5)).endsWith("broken ESCALATED after always", "broken escalated");
        TaskState escalated = awaitStatus("broken", TaskStatus.ESCALATED);
        assertThat(runs).hasValue(4); // the first run and three restarts
        assertThat(escalated.restartsInWindow()).isEqualTo(3);

        assertThat(supervisor.restart("broken")).isTrue();
        assertThat(awaitHeard(5)).endsWith("broken ESCALATED after always", "broken escalated");
        awaitStatus("broken", TaskStatus.ESCALATED);
        assertThat(runs).hasValue(8);
        assertThat(heard).isEmpty();
    }

    @Test
    void aTemporaryTaskIsNotRestartedAndAStoppedTaskIsInterrupted() throws Exception {
        supervisor.supervise(spec("once", RestartStrategy.TEMPORARY, 5), () -> {
            throw new IllegalStateException("gone");
        });
        assertThat(awaitStatus("once", TaskStatus.FAILED).restarts()).isZero();

        CountDownLatch interrupted = new CountDownLatch(1);
        supervisor.supervise(spec("forever", RestartStrategy.PERMANENT, 5), () -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        });
        awaitStatus("forever", TaskStatus.RUNNING);
        assertThatThrownBy(() -> supervisor.supervise(spec("forever", RestartStrategy.PERMANENT, 5), () -> {}))
                .isInstanceOf(IllegalStateException.class);
        assertThat(supervisor.restart("forever"))
                .as("a running task is not restarted by hand")
                .isFalse();
        assertThat(supervisor.stop("forever")).isTrue();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(supervisor.states()).extracting(TaskState::name).containsExactly("once");
    }

    /** The next {@code count} things the listener hears, each awaited for up to 10 s. */
    List<String> awaitHeard(int count) throws InterruptedException {
        List<String> next = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String entry = heard.poll(10, TimeUnit.SECONDS);
            if (entry == null) {
                throw new AssertionError("heard only " + next + " of " + count);
            }
            next.add(entry);
        }
        return next;
    }

    TaskState awaitStatus(String name, TaskStatus status) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            TaskState state = supervisor.states().stream()
                    .filter(s -> s.name().equals(name))
                    .findFirst()
                    .orElseThrow();
            if (state.status() == status) {
                return state;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + " never reached " + status + ": " + supervisor.states());
    }
}
