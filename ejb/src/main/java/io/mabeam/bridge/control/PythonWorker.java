package io.mabeam.bridge.control;

import io.mabeam.training.control.Objective;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParsingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Python worker process (protocol 1 of {@code python/mabeam/worker.py}): started once, it evaluates trials
 * one at a time until it is closed, dies or is killed. Two threads read it — its protocol channel (stdout, one
 * JSON object per line) into a queue, and its standard error into the log of the evaluation in progress (framed
 * by the worker's marker lines), else into a short memory of recent lines that explains a failed start. The
 * caller's thread does the rest: it waits on the queue with the evaluation's deadline and kills the process when
 * it passes.
 */
public final class PythonWorker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PythonWorker.class.getName());
    static final String MARK = "\u001emabeam:";
    private static final JsonObject ENDED =
            Json.createObjectBuilder().add("type", "ended").build();
    private static final int RECENT = 40;

    private final Process process;
    private final Writer toWorker;
    private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    private final Deque<String> recent = new ArrayDeque<>();
    private final CountDownLatch stderrClosed = new CountDownLatch(1);
    private volatile Capture capture;
    private volatile boolean broken;
    private String python = "";
    private int evaluations;

    /** The log of one evaluation, and whether the worker has ended it. */
    private static final class Capture {
        final String id;
        final TrialLog log;
        final CountDownLatch ended = new CountDownLatch(1);
        volatile boolean started;

        Capture(String id, TrialLog log) {
            this.id = id;
            this.log = log;
        }
    }

    private PythonWorker(Process process, ThreadFactory threads) {
        this.process = process;
        this.toWorker = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread out = threads.newThread(this::readProtocol);
        Thread err = threads.newThread(this::readStandardError);
        out.setName("mabeam-python-" + process.pid() + "-out");
        err.setName("mabeam-python-" + process.pid() + "-err");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    /**
     * Starts a worker and waits until it has loaded the source.
     *
     * @throws WorkerFailure of kind START with Python's error when the source does not load, or when the
     *     interpreter does not start or answer within {@code startTimeout}
     */
    public static PythonWorker start(WorkerCommand command, Duration startTimeout, ThreadFactory threads)
            throws WorkerFailure, InterruptedException {
        Process process;
        try {
            process = command.processBuilder().start();
        } catch (IOException e) {
            throw new WorkerFailure(
                    WorkerFailure.Kind.START, "could not start " + command.python() + ": " + e.getMessage());
        }
        PythonWorker worker = new PythonWorker(process, threads);
        JsonObject first = worker.messages.poll(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            worker.kill();
            throw new WorkerFailure(
                    WorkerFailure.Kind.START,
                    "the worker did not load the source within " + startTimeout.toSeconds() + " s"
                            + worker.recentText());
        }
        switch (first.getString("type", "")) {
            case "ready" -> {
                worker.python = first.getString("python", "");
                return worker;
            }
            case "failed" -> {
                worker.kill();
                throw new WorkerFailure(
                        WorkerFailure.Kind.START,
                        first.getString("error", "the source did not load"),
                        first.getString("traceback", null));
            }
            default -> {
                worker.awaitExit();
                worker.kill();
                throw new WorkerFailure(
                        WorkerFailure.Kind.START,
                        "the worker " + WorkerMessages.exitDescription(worker.process) + " before it was ready"
                                + worker.recentText());
            }
        }
    }

    /** The interpreter's version, as the worker reported it. */
    public String python() {
        return python;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return !broken && process.isAlive();
    }

    public synchronized int evaluations() {
        return evaluations;
    }

    /**
     * Evaluates one trial: reports go to {@code progress} (whose answer tells the worker whether to prune), what
     * the objective writes goes to {@code log}.
     *
     * @return the objective's values
     * @throws Objective.Pruned the objective stopped because its trial was pruned
     * @throws WorkerFailure the objective raised (ERROR; the worker goes on), or the worker died (CRASH), took too
     *     long (TIMEOUT) or broke the protocol (PROTOCOL), in which cases it is dead
     */
    public synchronized double[] evaluate(
            String id,
            String study,
            long trial,
            Map<String, Object> parameters,
            Objective.Progress progress,
            Duration timeout,
            TrialLog log)
            throws WorkerFailure, Objective.Pruned, InterruptedException {
        evaluations++;
        Capture current = new Capture(id, log);
        capture = current;
        boolean clean = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastStep = 0;
        try {
            send(Json.createObjectBuilder()
                    .add("type", "evaluate")
                    .add("id", id)
                    .add("study", study)
                    .add("trial", trial)
                    .add("parameters", WorkerMessages.json(parameters))
                    .build());
            while (true) {
                long remaining = deadline - System.nanoTime();
                JsonObject message = remaining > 0 ? messages.poll(remaining, TimeUnit.NANOSECONDS) : null;
                if (message == null) {
                    kill();
                    awaitLog(current, Duration.ofMillis(500));
                    String why = "the evaluation took longer than " + WorkerMessages.describe(timeout)
                            + ": the worker was killed";
                    log.note(why);
                    throw new WorkerFailure(WorkerFailure.Kind.TIMEOUT, why);
                }
                String type = message.getString("type", "");
                if (type.equals("ended")) {
                    awaitExit();
                    awaitLog(current, Duration.ofSeconds(1));
                    String why = "the worker " + WorkerMessages.exitDescription(process) + " during the evaluation";
                    log.note(why);
                    throw new WorkerFailure(WorkerFailure.Kind.CRASH, why);
                }
                if (!id.equals(message.getString("id", null))) {
                    throw protocolBroken(log, "a message for another evaluation: " + message);
                }
                switch (type) {
                    case "report" -> {
                        lastStep = message.getJsonNumber("step").longValue();
                        boolean prune = progress.report(
                                lastStep, message.getJsonNumber("value").doubleValue());
                        send(Json.createObjectBuilder()
                                .add("type", "decision")
                                .add("id", id)
                                .add("prune", prune)
                                .build());
                    }
                    case "result" -> {
                        double[] values = WorkerMessages.values(message.getJsonArray("values"));
                        awaitLog(current, Duration.ofSeconds(2));
                        clean = true;
                        return values;
                    }
                    case "pruned" -> {
                        awaitLog(current, Duration.ofSeconds(2));
                        clean = true;
                        throw new Objective.Pruned(lastStep);
                    }
                    case "error" -> {
                        awaitLog(current, Duration.ofSeconds(2));
                        clean = true;
                        throw new WorkerFailure(
                                WorkerFailure.Kind.ERROR,
                                message.getString("error", "the objective failed"),
                                message.getString("traceback", null));
                    }
                    default -> throw protocolBroken(log, "an unknown message: " + message);
                }
            }
        } catch (IOException e) {
            awaitExit();
            awaitLog(current, Duration.ofSeconds(1));
            String why = "the worker " + WorkerMessages.exitDescription(process) + " (" + e.getMessage() + ")";
            log.note(why);
            throw new WorkerFailure(WorkerFailure.Kind.CRASH, why);
        } catch (ClassCastException | NullPointerException e) {
            throw protocolBroken(log, "a message without the fields it needs (" + e + ")");
        } finally {
            capture = null;
            if (!clean) {
                kill();
            }
        }
    }

    /** Asks the worker to stop, and kills it if it has not within a second. */
    @Override
    public void close() {
        try {
            synchronized (this) {
                send(Json.createObjectBuilder().add("type", "shutdown").build());
                toWorker.close();
            }
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (IOException e) {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** Kills the worker and anything it started, at once. */
    public void kill() {
        broken = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private WorkerFailure protocolBroken(TrialLog log, String what) {
        kill();
        String why = "the worker broke the protocol with " + what + ": it was killed";
        log.note(why);
        return new WorkerFailure(WorkerFailure.Kind.PROTOCOL, why);
    }

    private void send(JsonObject message) throws IOException {
        toWorker.write(message.toString());
        toWorker.write('\n');
        toWorker.flush();
    }

    private void readProtocol() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    messages.add(Json.createReader(new StringReader(line)).readObject());
                } catch (JsonParsingException | ClassCastException e) {
                    messages.add(Json.createObjectBuilder()
                            .add("type", "garbage")
                            .add("id", "")
                            .add("line", line.length() > 200 ? line.substring(0, 200) : line)
                            .build());
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "worker " + process.pid() + "'s protocol channel closed", e);
        } finally {
            messages.add(ENDED);
        }
    }

    private void readStandardError() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Capture current = capture;
                if (line.startsWith(MARK + "start ")) {
                    if (current != null && current.id.equals(line.substring(MARK.length() + 6))) {
                        current.started = true;
                    }
                } else if (line.startsWith(MARK + "end ")) {
                    if (current != null && current.id.equals(line.substring(MARK.length() + 4))) {
                        current.ended.countDown();
                    }
                } else if (current != null && current.started && current.ended.getCount() > 0) {
                    current.log.add(line);
                } else {
                    remember(line);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "worker " + process.pid() + "'s standard error closed", e);
        } finally {
            stderrClosed.countDown();
            Capture current = capture;
            if (current != null) {
                current.ended.countDown();
            }
        }
    }

    private void remember(String line) {
        LOG.fine(() -> "python worker " + process.pid() + ": " + line);
        synchronized (recent) {
            if (recent.size() == RECENT) {
                recent.removeFirst();
            }
            recent.addLast(line);
        }
    }

    /** What the worker wrote outside evaluations lately (why it failed to start, say). */
    public List<String> recentLines() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    private String recentText() {
        try {
            stderrClosed.await(300, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> lines = recentLines();
        return lines.isEmpty() ? "" : ":\n" + String.join("\n", lines);
    }

    private static void awaitLog(Capture capture, Duration patience) throws InterruptedException {
        capture.ended.await(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void awaitExit() throws InterruptedException {
        process.waitFor(2, TimeUnit.SECONDS);
    }
}
