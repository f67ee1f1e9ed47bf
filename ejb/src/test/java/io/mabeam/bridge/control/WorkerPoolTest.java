package io.mabeam.bridge.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.bridge.entity.PoolStats;
import io.mabeam.training.control.Objective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker pool with real {@code python3} processes running the shipped worker: results, reports and pruning
 * over the protocol, the objective's output in the trial's log, and the failures a pool must survive — an
 * objective that raises, a source that does not load, a worker that dies or hangs, one that outgrows its memory
 * limit, more evaluations than workers.
 */
class WorkerPoolTest {

    static final ThreadFactory THREADS = Thread::new;

    @TempDir
    static Path directory;

    static Path packageDirectory;

    final List<WorkerPool> pools = new ArrayList<>();

    @BeforeAll
    static void extract() {
        packageDirectory = PythonPackage.extractTo(directory.resolve("package"));
    }

    @AfterEach
    void stop() {
        pools.forEach(WorkerPool::kill);
    }

    WorkerPool pool(String source, WorkerPool.Settings settings) throws IOException {
        return pool(source, settings, 0);
    }

    WorkerPool pool(String source, WorkerPool.Settings settings, int memoryMb) throws IOException {
        Path file = Files.createTempFile(directory, "objective", ".py");
        Files.writeString(file, source);
        WorkerPool pool = new WorkerPool(
                "test",
                "v1",
                new WorkerCommand("python3", packageDirectory, file, "objective", memoryMb),
                settings,
                THREADS);
        pools.add(pool);
        return pool;
    }

    static WorkerPool.Settings quick() {
        return WorkerPool.Settings.defaults()
                .withSize(1)
                .withEvaluationTimeout(Duration.ofSeconds(20))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
    }

    static final String QUADRATIC = """
            import os, sys
            import numpy as np
            print("loaded")
            def objective(trial):
                x = trial.suggest_float("x", -10, 10)
                print("x is", x)                       # stdout: goes to the log, not the protocol
                print("on stderr", file=sys.stderr)
                for step in range(3):
                    if trial.report(float((x - 2) ** 2) + 3 - step, step):
                        import mabeam
                        raise mabeam.TrialPruned()
                return float(np.square(x - 2)), os.getpid()
            """;

    @Test
    void evaluatesOverTheProtocolAndKeepsTheWorkerForTheNextTrial() throws Exception {
        WorkerPool pool = pool(QUADRATIC, quick());
        List<String> reports = new CopyOnWriteArrayList<>();
        TrialLog log = new TrialLog();
        double[] first = pool.evaluate(
                "s",
                0,
                Map.of("x", 5.0),
                (step, value) -> {
                    reports.add(step + "=" + value);
                    return false;
                },
                log);
        assertThat(first[0]).isEqualTo(9.0);
        assertThat(reports).containsExactly("0=12.0", "1=11.0", "2=10.0");
        assertThat(log.lines()).containsExactly("x is 5.0", "on stderr");
        double[] second = pool.evaluate("s", 1, Map.of("x", 2L), Objective.Progress.NONE, new TrialLog());
        assertThat(second[0]).isZero();
        assertThat(second[1]).as("the same process evaluated both").isEqualTo(first[1]);
        PoolStats stats = pool.stats();
        assertThat(stats.started()).isEqualTo(1);
        assertThat(stats.evaluations()).isEqualTo(2);
        assertThat(stats.python()).startsWith("3.");
    }

    @Test
    void aTrialThePrunerStopsEndsPrunedAndTheWorkerGoesOn() throws Exception {
        WorkerPool pool = pool(QUADRATIC, quick());
        assertThatThrownBy(() -> pool.evaluate("s", 0, Map.of("x", 5.0), (step, value) -> step == 1, new TrialLog()))
                .isInstanceOf(Objective.Pruned.class)
                .hasMessageContaining("step 1");
        assertThat(pool.evaluate("s", 1, Map.of("x", 3.0), Objective.Progress.NONE, new TrialLog())[0])
                .isEqualTo(1.0);
        assertThat(pool.stats().started()).isEqualTo(1);
    }

    @Test
    void anObjectiveThatRaisesFailsItsTrialWithTheTracebackInTheLogAndTheWorkerSurvives() throws Exception {
        WorkerPool pool = pool("""
                import os
                def objective(trial):
                    if trial.params["x"] < 0:
                        raise ValueError("x must not be negative")
                    if trial.params["x"] == 0:
                        return float("nan")
                    return os.getpid()
                """, quick());
        double pid = pool.evaluate("s", 0, Map.of("x", 1), Objective.Progress.NONE, new TrialLog())[0];
        TrialLog log = new TrialLog();
        assertThatThrownBy(() -> pool.evaluate("s", 1, Map.of("x", -1), Objective.Progress.NONE, log))
                .isInstanceOfSatisfying(WorkerFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(WorkerFailure.Kind.ERROR);
                    assertThat(failure.getMessage()).isEqualTo("ValueError: x must not be negative");
                    assertThat(failure.traceback()).contains("Traceback", "line 4, in objective");
                });
        assertThat(log.text()).contains("Traceback", "ValueError: x must not be negative");
        assertThatThrownBy(() -> pool.evaluate("s", 2, Map.of("x", 0), Objective.Progress.NONE, new TrialLog()))
                .isInstanceOfSatisfying(
                        WorkerFailure.class,
                        failure -> assertThat(failure.getMessage()).contains("not a finite number"));
        assertThat(pool.evaluate("s", 3, Map.of("x", 2), Objective.Progress.NONE, new TrialLog())[0])
                .isEqualTo(pid);
        assertThat(pool.stats().errors()).isEqualTo(2);
    }

    @Test
    void aSourceThatDoesNotLoadIsAStartFailureWithPythonsError() throws Exception {
        WorkerPool pool = pool("def objective(trial)\n    return 1\n", quick());
        TrialLog log = new TrialLog();
        assertThatThrownBy(() -> pool.evaluate("s", 0, Map.of(), Objective.Progress.NONE, log))
                .isInstanceOfSatisfying(WorkerFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(WorkerFailure.Kind.START);
                    assertThat(failure.getMessage()).startsWith("SyntaxError");
                });
        assertThat(log.text()).contains("the worker did not start: SyntaxError");
        WorkerPool noEntry = pool("def evaluate(trial):\n    return 1\n", quick());
        assertThatThrownBy(() -> noEntry.evaluate("s", 0, Map.of(), Objective.Progress.NONE, new TrialLog()))
                .hasMessageContaining("the source defines no 'objective'");
    }

    @Test
    void aWorkerThatDiesIsReplacedAfterABackoffThatGrowsWithEachConsecutiveCrash() throws Exception {
        WorkerPool pool = pool("""
                import os, signal
                def objective(trial):
                    if trial.params["crash"]:
                        print("about to die")
                        os.kill(os.getpid(), signal.SIGKILL)
                    return os.getpid()
                """, quick());
        double before = pool.evaluate("s", 0, Map.of("crash", false), Objective.Progress.NONE, new TrialLog())[0];
        TrialLog log = new TrialLog();
        assertThatThrownBy(() -> pool.evaluate("s", 1, Map.of("crash", true), Objective.Progress.NONE, log))
                .isInstanceOfSatisfying(WorkerFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(WorkerFailure.Kind.CRASH);
                    assertThat(failure.getMessage()).contains("killed by signal 9");
                });
        assertThat(log.lines()).contains("about to die");
        assertThat(pool.stats().consecutiveFailures()).isEqualTo(1);
        assertThatThrownBy(() -> pool.evaluate("s", 2, Map.of("crash", true), Objective.Progress.NONE, new TrialLog()))
                .isInstanceOf(WorkerFailure.class);
        PoolStats afterTwo = pool.stats();
        assertThat(afterTwo.consecutiveFailures()).isEqualTo(2);
        assertThat(afterTwo.backoffMillis()).isBetween(1L, 100L);
        TrialLog recovering = new TrialLog();
        double after = pool.evaluate("s", 3, Map.of("crash", false), Objective.Progress.NONE, recovering)[0];
        assertThat(after).as("a new process").isNotEqualTo(before);
        assertThat(recovering.text()).contains("backoff");
        PoolStats stats = pool.stats();
        assertThat(stats.crashes()).isEqualTo(2);
        assertThat(stats.started()).isEqualTo(3);
        assertThat(stats.consecutiveFailures()).isZero();
    }

    @Test
    void aWorkerThatHangsIsKilledAtTheTimeoutAndTheNextTrialGetsANewOne() throws Exception {
        WorkerPool pool = pool("""
                import os, time
                def objective(trial):
                    if trial.params["hang"]:
                        print("sleeping", flush=True)
                        time.sleep(600)
                    return os.getpid()
                """, quick().withEvaluationTimeout(Duration.ofMillis(1500)));
        double before = pool.evaluate("s", 0, Map.of("hang", false), Objective.Progress.NONE, new TrialLog())[0];
        TrialLog log = new TrialLog();
        assertThatThrownBy(() -> pool.evaluate("s", 1, Map.of("hang", true), Objective.Progress.NONE, log))
                .isInstanceOfSatisfying(
                        WorkerFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(WorkerFailure.Kind.TIMEOUT));
        assertThat(log.text()).contains("sleeping", "took longer than 1500 ms: the worker was killed");
        assertThat(pool.evaluate("s", 2, Map.of("hang", false), Objective.Progress.NONE, new TrialLog())[0])
                .isNotEqualTo(before);
        assertThat(pool.stats().timeouts()).isEqualTo(1);
    }

    @Test
    void anObjectiveOverItsMemoryLimitGetsAMemoryErrorNotTheMachinesMemory() throws Exception {
        WorkerPool pool = pool("""
                import numpy as np
                def objective(trial):
                    block = np.ones(int(trial.params["megabytes"]) * 1024 * 1024 // 8)
                    return float(block.sum())
                """, quick(), 400);
        assertThat(pool.evaluate("s", 0, Map.of("megabytes", 8), Objective.Progress.NONE, new TrialLog())[0])
                .isEqualTo(1024 * 1024);
        TrialLog log = new TrialLog();
        assertThatThrownBy(() -> pool.evaluate("s", 1, Map.of("megabytes", 2048), Objective.Progress.NONE, log))
                .isInstanceOfSatisfying(WorkerFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(WorkerFailure.Kind.ERROR);
                    assertThat(failure.getMessage()).contains("MemoryError");
                });
        assertThat(pool.evaluate("s", 2, Map.of("megabytes", 8), Objective.Progress.NONE, new TrialLog())[0])
                .isEqualTo(1024 * 1024);
        assertThat(pool.stats().started()).isEqualTo(1);
    }

    @Test
    void moreEvaluationsThanWorkersWaitAndBeyondTheQueueAreRefusedAtOnce() throws Exception {
        WorkerPool pool = pool("""
                import time
                def objective(trial):
                    time.sleep(trial.params["seconds"])
                    return trial.params["seconds"]
                """, quick().withQueue(1, Duration.ofSeconds(20)));
        CompletableFuture<double[]> running = CompletableFuture.supplyAsync(() -> evaluate(pool, 0, 1.5));
        awaitBusy(pool, 1);
        CompletableFuture<double[]> queued = CompletableFuture.supplyAsync(() -> evaluate(pool, 1, 0.1));
        while (pool.stats().waiting() < 1) {
            Thread.sleep(10);
        }
        TrialLog log = new TrialLog();
        assertThatThrownBy(() -> pool.evaluate("s", 2, Map.of("seconds", 0.1), Objective.Progress.NONE, log))
                .isInstanceOfSatisfying(
                        WorkerFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(WorkerFailure.Kind.BUSY));
        assertThat(log.text()).contains("are busy");
        assertThat(running.join()[0]).isEqualTo(1.5);
        assertThat(queued.join()[0]).isEqualTo(0.1);
        assertThat(pool.stats().refused()).isEqualTo(1);
    }

    @Test
    void aWorkerIsRetiredAfterItsShareOfEvaluations() throws Exception {
        WorkerPool pool =
                pool("import os\ndef objective(trial):\n    return os.getpid()\n", quick().withRecycleAfter(2));
        double[] pids = new double[4];
        for (int i = 0; i < 4; i++) {
            pids[i] = pool.evaluate("s", i, Map.of(), Objective.Progress.NONE, new TrialLog())[0];
        }
        assertThat(pids[0]).isEqualTo(pids[1]);
        assertThat(pids[2]).isEqualTo(pids[3]).isNotEqualTo(pids[0]);
        assertThat(pool.stats().started()).isEqualTo(2);
    }

    @Test
    void aMissingInterpreterIsAStartFailure() throws Exception {
        Path file = Files.writeString(directory.resolve("nothing.py"), "def objective(trial):\n    return 1\n");
        WorkerPool pool = new WorkerPool(
                "test",
                "v1",
                new WorkerCommand("/no/such/python3", packageDirectory, file, "objective", 0),
                quick(),
                THREADS);
        pools.add(pool);
        assertThatThrownBy(() -> pool.evaluate("s", 0, Map.of(), Objective.Progress.NONE, new TrialLog()))
                .isInstanceOfSatisfying(WorkerFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(WorkerFailure.Kind.START);
                    assertThat(failure.getMessage()).contains("could not start /no/such/python3");
                });
    }

    static double[] evaluate(WorkerPool pool, long trial, double seconds) {
        try {
            return pool.evaluate("s", trial, Map.of("seconds", seconds), Objective.Progress.NONE, new TrialLog());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitBusy(WorkerPool pool, int busy) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (pool.stats().busy() < busy && System.nanoTime() < until) {
            Thread.sleep(10);
        }
    }
}
