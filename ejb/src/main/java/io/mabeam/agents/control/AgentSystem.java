package io.mabeam.agents.control;

import io.mabeam.agents.entity.AgentSnapshot;
import io.mabeam.agents.entity.AgentState;
import io.mabeam.agents.entity.Supervision;
import io.mabeam.foundation.tasks.control.RestartPolicy;
import io.mabeam.foundation.tasks.entity.RestartStrategy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The agents of one node and what runs them: an executor the agents take turns on (the container's managed
 * executor, or any pool in tests and benchmarks), a scheduler for timers and backoff, and the listener that
 * hears every lifecycle transition, dead letter and given-up agent. Top-level agents are supervised by the
 * system itself, each on its own (one failing agent never restarts another); agents spawned by agents form
 * supervision trees.
 *
 * <p>With a message budget, a watchdog looks at the messages being handled right now (one per executor
 * thread) and gives up an agent whose message runs longer: it is reported and not restarted, and its thread is
 * interrupted.
 */
public final class AgentSystem implements AutoCloseable {

    /** Agent ids: 1 to 200 letters, digits and {@code . : _ - /}. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:_/-]{0,199}");

    /** Hears what happens to agents; called on the agents' turns, so it must be quick and must not block. */
    public interface Listener {
        default void changed(AgentRef<?> agent, AgentState from, AgentState to, String reason) {}

        default void deadLetter(AgentRef<?> agent, Object message, String reason) {}

        default void gaveUp(AgentRef<?> agent, String reason) {}
    }

    /** How the system runs agents. */
    public record Settings(int throughput, Duration messageBudget) {

        public Settings {
            if (throughput < 1) {
                throw new IllegalArgumentException("an agent's turn handles at least one message");
            }
        }

        /** Up to 16 messages per turn; no message budget. */
        public static Settings defaults() {
            return new Settings(16, null);
        }
    }

    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    private final Settings settings;
    private final RandomGenerator random;
    private final ConcurrentHashMap<String, AgentCell<?>> agents = new ConcurrentHashMap<>();
    private final LongAdder deadLetters = new LongAdder();
    private final LongAdder spawned = new LongAdder();
    private final LongAdder gaveUp = new LongAdder();
    private final ThreadLocal<Turn> turns;
    private final List<Turn> allTurns = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> watchdog;

    public AgentSystem(
            Executor executor,
            ScheduledExecutorService scheduler,
            Listener listener,
            Settings settings,
            RandomGenerator random) {
        this.executor = executor;
        this.scheduler = scheduler;
        this.listener = listener;
        this.settings = settings;
        this.random = random;
        Duration budget = settings.messageBudget();
        if (budget == null) {
            this.turns = null;
            this.watchdog = null;
        } else {
            this.turns = ThreadLocal.withInitial(this::newTurn);
            long period = Math.max(1, budget.toNanos() / 4);
            this.watchdog = scheduler.scheduleAtFixedRate(this::watch, period, period, TimeUnit.NANOSECONDS);
        }
    }

    /** Starts a top-level agent, supervised by the system by its options. */
    public <M> AgentRef<M> spawn(String id, Behavior<M> behavior, AgentOptions options) {
        AgentCell<M> cell = create(id, null, behavior, options);
        cell.control(cell::start);
        return cell;
    }

    public <M> AgentRef<M> spawn(String id, Behavior<M> behavior) {
        return spawn(id, behavior, AgentOptions.DEFAULTS);
    }

    /** The agent with this id on this node, if it runs here. */
    public Optional<AgentRef<?>> find(String id) {
        return Optional.ofNullable(agents.get(id));
    }

    /** What an agent looks like now (read from other threads: a moment's view, not a transaction). */
    public Optional<AgentSnapshot> snapshot(String id) {
        AgentCell<?> cell = agents.get(id);
        return cell == null ? Optional.empty() : Optional.of(snapshotOf(cell));
    }

    /** Every agent on this node as it is now. */
    public List<AgentSnapshot> snapshots() {
        return agents.values().stream().map(AgentSystem::snapshotOf).toList();
    }

    static AgentSnapshot snapshotOf(AgentCell<?> cell) {
        return new AgentSnapshot(
                cell.id(),
                cell.state(),
                cell.parent() == null ? null : cell.parent().id(),
                cell.mailboxSize(),
                cell.processed(),
                cell.failures(),
                cell.restarts(),
                cell.childCount(),
                cell.meanMicros());
    }

    /** Stops an agent and its children (a requested stop: not restarted). False if no such agent runs here. */
    public boolean stop(String id) {
        AgentCell<?> cell = agents.get(id);
        if (cell == null) {
            return false;
        }
        AgentCell<?> parent = cell.parent();
        if (parent == null) {
            cell.retire("stopped");
        } else {
            parent.control(() -> parent.stop(cell));
        }
        return true;
    }

    /** Suspends an agent: its messages wait in its mailbox until {@link #resume}. False if it does not run here. */
    public boolean suspend(String id) {
        AgentCell<?> cell = agents.get(id);
        if (cell == null) {
            return false;
        }
        cell.suspend();
        return true;
    }

    public boolean resume(String id) {
        AgentCell<?> cell = agents.get(id);
        if (cell == null) {
            return false;
        }
        cell.resume();
        return true;
    }

    public int size() {
        return agents.size();
    }

    public long deadLetters() {
        return deadLetters.sum();
    }

    public long spawned() {
        return spawned.sum();
    }

    public long gaveUp() {
        return gaveUp.sum();
    }

    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        agents.values().stream().filter(cell -> cell.parent() == null).forEach(cell -> cell.retire("system closed"));
    }

    // ---- for cells ----

    <M> AgentCell<M> create(String id, AgentCell<?> parent, Behavior<M> behavior, AgentOptions options) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "an agent id is 1 to 200 letters, digits or . : _ - / starting with a letter or digit");
        }
        if (behavior == null || options == null) {
            throw new IllegalArgumentException("an agent needs a behaviour and options");
        }
        AgentCell<M> cell = new AgentCell<>(id, this, parent, behavior, options);
        if (agents.putIfAbsent(id, cell) != null) {
            throw new DuplicateAgent(id);
        }
        spawned.increment();
        return cell;
    }

    void reregister(AgentCell<?> cell) {
        agents.putIfAbsent(cell.id(), cell);
    }

    void removed(AgentCell<?> cell) {
        agents.remove(cell.id(), cell);
    }

    void execute(AgentCell<?> cell) {
        try {
            executor.execute(cell);
        } catch (RejectedExecutionException e) {
            // the executor is shutting down: the agent's work ends with it
        }
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    int throughput() {
        return settings.throughput();
    }

    RandomGenerator random() {
        return random;
    }

    long nanoTime() {
        return System.nanoTime();
    }

    void changed(AgentCell<?> cell, AgentState from, AgentState to, String reason) {
        listener.changed(cell, from, to, reason);
    }

    void deadLetter(AgentCell<?> cell, Object message, String reason) {
        deadLetters.increment();
        listener.deadLetter(cell, message, reason);
    }

    void gaveUp(AgentCell<?> cell, String reason) {
        gaveUp.increment();
        listener.gaveUp(cell, reason);
    }

    /** A top-level agent failed (on its turn): the system supervises each on its own. */
    void topLevelFailed(AgentCell<?> cell, Throwable failure) {
        Supervision supervision = cell.options.supervision();
        if (supervision.restart() == RestartStrategy.TEMPORARY) {
            cell.terminate(AgentState.STOPPED, "temporary agent failed", false);
            return;
        }
        if (!admitRestart(cell.restartTimes(), supervision, nanoTime())) {
            cell.giveUp("gave up after " + supervision.maxRestarts() + " restarts within " + supervision.window());
            return;
        }
        cell.restartAfter(backoff(supervision, cell.consecutiveFailures(), random));
    }

    /** A top-level agent stopped itself (on its turn): a permanent one starts again. */
    void topLevelStopped(AgentCell<?> cell) {
        if (cell.options.supervision().restart() == RestartStrategy.PERMANENT) {
            reregister(cell);
            cell.revive();
            cell.restartAfter(Duration.ZERO);
        }
    }

    /**
     * Whether a restart now stays within the intensity: fewer than {@code maxRestarts} restarts within the
     * window (older ones are dropped); if so it is recorded.
     */
    static boolean admitRestart(ArrayDeque<Long> restartTimes, Supervision supervision, long now) {
        long windowStart = now - supervision.window().toNanos();
        while (!restartTimes.isEmpty() && restartTimes.peekFirst() - windowStart < 0) {
            restartTimes.pollFirst();
        }
        if (restartTimes.size() >= supervision.maxRestarts()) {
            return false;
        }
        restartTimes.addLast(now);
        return true;
    }

    static Duration backoff(Supervision supervision, int consecutiveFailures, RandomGenerator random) {
        return RestartPolicy.backoff(
                supervision.initialBackoff(), supervision.maxBackoff(), consecutiveFailures, random);
    }

    // ---- the watchdog ----

    /** The message one executor thread is handling, for the watchdog. */
    static final class Turn {
        final Thread thread = Thread.currentThread();
        volatile AgentCell<?> cell;
        volatile long since;
        /** The cell already given up for its current message: reported once. */
        volatile AgentCell<?> reported;

        void began() {
            if (cell != null) {
                since = System.nanoTime();
            }
        }
    }

    private static final Turn NO_TURN = new Turn();

    private Turn newTurn() {
        Turn turn = new Turn();
        allTurns.add(turn);
        return turn;
    }

    Turn turnOf(AgentCell<?> cell) {
        if (turns == null) {
            return NO_TURN;
        }
        Turn turn = turns.get();
        turn.since = System.nanoTime();
        turn.cell = cell;
        return turn;
    }

    void turnEnded(Turn turn) {
        if (turn != NO_TURN) {
            turn.cell = null;
        }
    }

    private void watch() {
        long budget = settings.messageBudget().toNanos();
        long now = System.nanoTime();
        for (Turn turn : allTurns) {
            AgentCell<?> cell = turn.cell;
            if (cell != null && now - turn.since > budget && !cell.ended() && turn.reported != cell) {
                turn.reported = cell;
                cell.giveUp("runaway: a message took longer than " + settings.messageBudget());
                turn.thread.interrupt();
            }
        }
    }

    /** An agent with this id runs already. */
    public static final class DuplicateAgent extends IllegalStateException {

        public DuplicateAgent(String id) {
            super("an agent with id " + id + " exists");
        }
    }
}
