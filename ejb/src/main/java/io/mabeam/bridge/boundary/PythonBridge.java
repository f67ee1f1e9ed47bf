package io.mabeam.bridge.boundary;

import io.mabeam.bridge.control.PythonObjective;
import io.mabeam.bridge.control.PythonObjectiveStore;
import io.mabeam.bridge.control.PythonPackage;
import io.mabeam.bridge.control.PythonWorker;
import io.mabeam.bridge.control.TrialLog;
import io.mabeam.bridge.control.WorkerCommand;
import io.mabeam.bridge.control.WorkerFailure;
import io.mabeam.bridge.control.WorkerPool;
import io.mabeam.bridge.entity.PoolStats;
import io.mabeam.bridge.entity.PythonObjectiveSpec;
import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.optimization.boundary.TrialLogs;
import io.mabeam.training.control.Objective;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The Python bridge of this node: the interpreter ({@code mabeam.bridge.python}), the {@code mabeam} package
 * written out for its workers, and one {@link WorkerPool} per Python objective in use — for the objective's
 * current source: before each trial the node compares the stored hash with its pool's, and a new upload retires
 * the old pool (idle workers stop at once, busy ones after their trial). Workers are killed when the node stops.
 */
@Singleton
@Startup
@DependsOn("Database")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PythonBridge {

    private static final Logger LOG = Logger.getLogger(PythonBridge.class.getName());

    /** Where the interpreter stands: its version, or why it is not usable. */
    public record Interpreter(String command, boolean usable, String version, String detail) {}

    @Inject
    @ConfigProperty(name = "mabeam.bridge.python", defaultValue = "python3")
    String python;

    @Inject
    @ConfigProperty(name = "mabeam.bridge.directory")
    Optional<String> configuredDirectory;

    @Inject
    @ConfigProperty(name = "mabeam.bridge.queue", defaultValue = "16")
    int queue;

    @Inject
    @ConfigProperty(name = "mabeam.bridge.queue-timeout", defaultValue = "PT10M")
    String queueTimeout;

    @Inject
    @ConfigProperty(name = "mabeam.bridge.start-timeout", defaultValue = "PT60S")
    String startTimeout;

    @Inject
    @ConfigProperty(name = "mabeam.bridge.recycle-after", defaultValue = "500")
    int recycleAfter;

    @Inject
    @ConfigProperty(name = "mabeam.bridge.backoff", defaultValue = "PT0.2S")
    String initialBackoff;

    @Inject
    @ConfigProperty(name = "mabeam.bridge.max-backoff", defaultValue = "PT30S")
    String maxBackoff;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedExecutorService executor;

    @EJB
    Cluster cluster;

    @EJB
    TrialLogs trialLogs;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    private final PythonObjectiveStore store = new PythonObjectiveStore();
    private final Map<String, WorkerPool> pools = new ConcurrentHashMap<>();
    private Path directory;
    private Path packageDirectory;
    private volatile Interpreter interpreter;

    @PostConstruct
    void start() {
        interpreter = new Interpreter(python, false, "", "checking " + python);
        try {
            directory = configuredDirectory.filter(d -> !d.isBlank()).isEmpty()
                    ? Files.createTempDirectory("mabeam-python-")
                    : Files.createDirectories(Path.of(configuredDirectory.get()));
            packageDirectory = PythonPackage.extractTo(directory.resolve("package"));
            Files.createDirectories(directory.resolve("objectives"));
        } catch (IOException | UncheckedIOException e) {
            interpreter = new Interpreter(python, false, "", "could not prepare the bridge's directory: " + e);
            LOG.log(Level.SEVERE, interpreter.detail(), e);
            return;
        }
        metrics.gauge("mabeam.bridge.workers", () -> sum(PoolStats::alive));
        metrics.gauge("mabeam.bridge.busy", () -> sum(PoolStats::busy));
        metrics.gauge("mabeam.bridge.waiting", () -> sum(PoolStats::waiting));
        metrics.gauge("mabeam.bridge.started", () -> sum(PoolStats::started));
        executor.submit(this::probe);
    }

    @PreDestroy
    void stop() {
        pools.values().forEach(WorkerPool::kill);
        pools.clear();
    }

    /** Runs the interpreter once: its version, and whether numpy loads (most objectives need it). */
    private void probe() {
        try {
            Process process = new ProcessBuilder(
                            python,
                            "-c",
                            "import sys; print(sys.version.split()[0]);\n"
                                    + "try:\n import numpy; print('numpy ' + numpy.__version__)\n"
                                    + "except ImportError: print('no numpy')")
                    .redirectErrorStream(true)
                    .start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                interpreter = new Interpreter(python, false, "", python + " did not answer within 30 s");
                return;
            }
            String[] out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .strip()
                    .split("\n");
            if (process.exitValue() != 0) {
                interpreter = new Interpreter(python, false, "", String.join(" ", out));
                return;
            }
            interpreter =
                    new Interpreter(python, true, out[0], "Python " + out[0] + (out.length > 1 ? ", " + out[1] : ""));
            LOG.info("Python bridge: " + interpreter.detail());
        } catch (IOException e) {
            interpreter = new Interpreter(python, false, "", "could not run " + python + ": " + e.getMessage());
            LOG.warning("Python bridge: " + interpreter.detail() + "; Python objectives will fail");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Interpreter interpreter() {
        return interpreter;
    }

    /** The objective an objective name means, when it names a Python objective ({@code python:<name>}). */
    public Optional<Objective> objective(String objectiveName) {
        return PythonObjectiveSpec.pythonName(objectiveName)
                .map(name -> new PythonObjective(name, this::pool, this::appendLog, this::ended));
    }

    /** Every pool of this node, busiest first. */
    public List<PoolStats> pools() {
        return pools.values().stream()
                .map(WorkerPool::stats)
                .sorted(Comparator.comparing(PoolStats::busy).reversed().thenComparing(PoolStats::objective))
                .toList();
    }

    /**
     * Checks that a source loads and defines its entry point, by starting a worker with it.
     *
     * @return the interpreter's version
     * @throws WorkerFailure of kind START with Python's error
     */
    public String check(String source, String entry, int memoryMb) throws WorkerFailure, InterruptedException {
        if (packageDirectory == null) {
            throw new WorkerFailure(WorkerFailure.Kind.START, interpreter.detail());
        }
        Path file = null;
        try {
            file = Files.createTempFile(directory.resolve("objectives"), "check-", ".py");
            Files.writeString(file, source, StandardCharsets.UTF_8);
            try (PythonWorker worker = PythonWorker.start(
                    new WorkerCommand(python, packageDirectory, file, entry, memoryMb),
                    Duration.parse(startTimeout),
                    threads)) {
                return worker.python();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "could not delete " + file, e);
                }
            }
        }
    }

    /** Retires the pool of an objective (deleted or replaced); the next trial starts workers for what is stored. */
    public void retire(String name) {
        WorkerPool pool = pools.remove(name);
        if (pool != null) {
            executor.submit(pool::close);
        }
    }

    /** The pool of the objective's current source on this node, made when first needed or after a new upload. */
    WorkerPool pool(String name) {
        String sha;
        try (Connection connection = dataSource.getConnection()) {
            sha = store.sha256(connection, name)
                    .orElseThrow(() -> new IllegalArgumentException("there is no Python objective named " + name));
            WorkerPool current = pools.get(name);
            if (current != null && current.version().equals(sha)) {
                return current;
            }
            synchronized (this) {
                current = pools.get(name);
                if (current != null && current.version().equals(sha)) {
                    return current;
                }
                PythonObjectiveSpec spec = store.find(connection, name)
                        .orElseThrow(() -> new IllegalArgumentException("there is no Python objective named " + name));
                WorkerPool made = new WorkerPool(name, spec.sha256(), command(spec), settings(spec), threads);
                WorkerPool before = pools.put(name, made);
                if (before != null) {
                    executor.submit(before::close);
                }
                return made;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read Python objective " + name + ": " + e.getMessage(), e);
        }
    }

    private WorkerCommand command(PythonObjectiveSpec spec) {
        if (packageDirectory == null) {
            throw new IllegalStateException(interpreter.detail());
        }
        Path file = directory
                .resolve("objectives")
                .resolve(spec.name() + "-" + spec.sha256().substring(0, 16) + ".py");
        try {
            if (!Files.exists(file)) {
                Path written = Files.createTempFile(directory.resolve("objectives"), spec.name() + "-", ".part");
                Files.writeString(written, spec.source(), StandardCharsets.UTF_8);
                Files.move(
                        written,
                        file,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the source of " + spec.name(), e);
        }
        return new WorkerCommand(python, packageDirectory, file, spec.entry(), spec.memoryMb());
    }

    private WorkerPool.Settings settings(PythonObjectiveSpec spec) {
        return WorkerPool.Settings.defaults()
                .withSize(spec.workers())
                .withEvaluationTimeout(Duration.ofSeconds(spec.timeoutSeconds()))
                .withQueue(queue, Duration.parse(queueTimeout))
                .withBackoff(Duration.parse(initialBackoff), Duration.parse(maxBackoff))
                .withRecycleAfter(recycleAfter);
    }

    private void appendLog(String study, long trial, TrialLog log) {
        try {
            trialLogs.append(
                    study, trial, cluster.nodeName(), log.text(), log.lines().size());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not keep the log of trial " + trial + " of " + study, e);
        }
    }

    private void ended(String objective, String outcome) {
        metrics.counter("mabeam.bridge.evaluations", new Tag("objective", objective), new Tag("outcome", outcome))
                .inc();
    }

    private long sum(java.util.function.ToLongFunction<PoolStats> field) {
        return pools.values().stream().map(WorkerPool::stats).mapToLong(field).sum();
    }
}
