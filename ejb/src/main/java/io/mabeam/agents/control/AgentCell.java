package io.mabeam.agents.control;

import io.mabeam.agents.entity.AgentState;
import io.mabeam.agents.entity.OverflowPolicy;
import io.mabeam.agents.entity.SupervisionStrategy;
import io.mabeam.foundation.tasks.entity.RestartStrategy;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One agent: its behaviour, its mailbox and its place in the supervision tree. It is its own address, its
 * own context and its own task: when a message arrives at an idle agent the cell schedules itself once on the
 * system's executor and then handles up to {@code throughput} messages in a row, so a thread serves many
 * agents and an agent is never on two threads at once.
 *
 * <p>The mailbox is a lock-free multi-producer single-consumer linked queue held in the cell itself (a
 * sender swaps the tail; only the agent's turn moves the head), bounded by a counter. Control actions
 * (start, restart, stop, a child's failure) go through a second queue that is created when first needed and
 * always runs before messages. Everything else — stash, timers, children, restart bookkeeping — is allocated
 * only when an agent uses it, so an idle agent costs a few dozen bytes beyond its own state.
 */
final class AgentCell<M> implements AgentRef<M>, AgentContext<M>, Runnable {

    private static final VarHandle TAIL;
    private static final VarHandle SCHEDULED;
    private static final VarHandle QUEUED;
    private static final VarHandle CONTROL;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(AgentCell.class, "tail", Node.class);
            SCHEDULED = lookup.findVarHandle(AgentCell.class, "scheduled", int.class);
            QUEUED = lookup.findVarHandle(AgentCell.class, "queued", int.class);
            CONTROL = lookup.findVarHandle(AgentCell.class, "control", ConcurrentLinkedQueue.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A mailbox entry. */
    static final class Node {
        Object message;
        volatile Node next;

        Node(Object message) {
            this.message = message;
        }
    }

    private final String id;
    private final AgentSystem system;
    private final AgentCell<?> parent;
    private final Behavior<M> initial;
    final AgentOptions options;

    private Behavior<M> behavior;
    private volatile AgentState state = AgentState.REGISTERED;
    private Node head;
    private volatile Node tail;
    private volatile int scheduled;
    private volatile int queued;
    private volatile ConcurrentLinkedQueue<Runnable> control;

    /**
     * Children in start order; replaced, never changed in place (on this agent's turn), so a supervisor
     * retiring this agent can walk its subtree from another thread.
     */
    private volatile List<AgentCell<?>> children = List.of();

    /** Allocated on first use: timers, stash, restart bookkeeping. */
    private Map<Object, ScheduledFuture<?>> timers;

    private ArrayDeque<M> stash;
    private ArrayDeque<M> unstashed;
    /** As a supervisor: when its children restarted. As a top-level agent: when it restarted. */
    private ArrayDeque<Long> childRestartTimes;

    private ArrayDeque<Long> ownRestartTimes;
    private int consecutiveFailures;
    private int restarts;
    private long processed;
    private int turns;
    private long timedNanos;
    private long timedMessages;
    private long failures;
    private boolean stopRequested;
    /** Stopped, or given up: takes no more messages. */
    private volatile boolean ended;

    AgentCell(String id, AgentSystem system, AgentCell<?> parent, Behavior<M> initial, AgentOptions options) {
        this.id = id;
        this.system = system;
        this.parent = parent;
        this.initial = initial;
        this.options = options;
        Node stub = new Node(null);
        this.head = stub;
        this.tail = stub;
    }

    // ---- address ----

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean tell(M message) {
        return enqueue(message);
    }

    @Override
    public boolean tell(M message, Acknowledgement acknowledgement) {
        if (message == null) {
            throw new IllegalArgumentException("a message is not null");
        }
        return enqueue(new Acknowledged(message, acknowledgement));
    }

    /** A message whose sender waits for it to be handled (see {@link AgentRef#tell(Object, Acknowledgement)}). */
    private record Acknowledged(Object message, Acknowledgement acknowledgement) {}

    private boolean enqueue(Object message) {
        if (message == null) {
            throw new IllegalArgumentException("a message is not null");
        }
        if (ended) {
            system.deadLetter(this, message, "stopped");
            return false;
        }
        int before = (int) QUEUED.getAndAdd(this, 1);
        if (before >= options.mailboxCapacity() && options.overflow() == OverflowPolicy.REJECT) {
            QUEUED.getAndAdd(this, -1);
            system.deadLetter(this, message, "mailbox full");
            return false;
        }
        Node node = new Node(message);
        Node previous = (Node) TAIL.getAndSet(this, node);
        NEXT.setRelease(previous, node);
        if (state == AgentState.RUNNING) {
            schedule();
        }
        return true;
    }

    int mailboxSize() {
        return Math.max(0, queued);
    }

    // ---- context ----

    @Override
    public AgentRef<M> self() {
        return this;
    }

    @Override
    public AgentState state() {
        return state;
    }

    @Override
    public <C> AgentRef<C> spawn(String childId, Behavior<C> childBehavior, AgentOptions childOptions) {
        AgentCell<C> child = system.create(childId, this, childBehavior, childOptions);
        children = with(children, child);
        child.control(child::start);
        return child;
    }

    @Override
    public boolean stop(AgentRef<?> child) {
        if (!(child instanceof AgentCell<?> cell) || !children.contains(cell)) {
            return false;
        }
        children = without(children, cell);
        cell.retire("stopped by its supervisor");
        return true;
    }

    @Override
    public void startTimer(Object key, M message, Duration delay) {
        replaceTimer(key, system.scheduler().schedule(() -> tell(message), delay.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public void startPeriodicTimer(Object key, M message, Duration interval) {
        long nanos = interval.toNanos();
        replaceTimer(
                key, system.scheduler().scheduleAtFixedRate(() -> tell(message), nanos, nanos, TimeUnit.NANOSECONDS));
    }

    private void replaceTimer(Object key, ScheduledFuture<?> timer) {
        if (timers == null) {
            timers = new HashMap<>(4);
        }
        ScheduledFuture<?> previous = timers.put(key, timer);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    @Override
    public void cancelTimer(Object key) {
        if (timers != null) {
            ScheduledFuture<?> timer = timers.remove(key);
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    private void cancelTimers() {
        if (timers != null) {
            timers.values().forEach(t -> t.cancel(false));
            timers = null;
        }
    }

    @Override
    public void stash(M message) {
        if (stash == null) {
            stash = new ArrayDeque<>();
        }
        if (stash.size() >= options.stashCapacity()) {
            throw new IllegalStateException("the stash of " + id + " is full (" + options.stashCapacity() + ")");
        }
        stash.add(message);
    }

    @Override
    public void unstashAll() {
        if (stash == null || stash.isEmpty()) {
            return;
        }
        if (unstashed == null) {
            unstashed = new ArrayDeque<>(stash.size());
        }
        // stashed messages go before those unstashed earlier and not yet handled: they arrived before them
        while (!stash.isEmpty()) {
            unstashed.addFirst(stash.pollLast());
        }
    }

    // ---- the agent's turn ----

    /** Runs {@code action} on the agent's turn, before any message. */
    void control(Runnable action) {
        ConcurrentLinkedQueue<Runnable> queue = control;
        if (queue == null) {
            CONTROL.compareAndSet(this, null, new ConcurrentLinkedQueue<Runnable>());
            queue = control;
        }
        queue.add(action);
        schedule();
    }

    private void schedule() {
        if (SCHEDULED.compareAndSet(this, 0, 1)) {
            system.execute(this);
        }
    }

    @Override
    public void run() {
        AgentSystem.Turn turn = system.turnOf(this);
        // one turn in sixteen is timed: the mean time per message without two clock reads per message
        boolean timed = (++turns & 15) == 1;
        long startedAt = timed ? System.nanoTime() : 0;
        long processedBefore = processed;
        try {
            runControl();
            int budget = system.throughput();
            while (budget-- > 0 && state == AgentState.RUNNING && !ended) {
                M message = nextMessage();
                if (message == null) {
                    break;
                }
                turn.began();
                deliver(message);
                if (control != null && !control.isEmpty()) {
                    runControl();
                }
            }
        } finally {
            if (timed && processed > processedBefore) {
                timedNanos += System.nanoTime() - startedAt;
                timedMessages += processed - processedBefore;
            }
            system.turnEnded(turn);
            SCHEDULED.setVolatile(this, 0);
            if (hasWork()) {
                schedule();
            }
        }
    }

    private void runControl() {
        ConcurrentLinkedQueue<Runnable> queue = control;
        if (queue == null) {
            return;
        }
        Runnable action;
        while ((action = queue.poll()) != null) {
            action.run();
        }
    }

    private boolean hasWork() {
        ConcurrentLinkedQueue<Runnable> queue = control;
        if (queue != null && !queue.isEmpty()) {
            return true;
        }
        return state == AgentState.RUNNING
                && ((unstashed != null && !unstashed.isEmpty()) || (Node) NEXT.getAcquire(head) != null);
    }

    @SuppressWarnings("unchecked")
    private M nextMessage() {
        if (unstashed != null && !unstashed.isEmpty()) {
            return unstashed.poll();
        }
        if (options.overflow() == OverflowPolicy.DROP_OLDEST) {
            while (queued > options.mailboxCapacity()) {
                Object dropped = poll();
                if (dropped == null) {
                    break;
                }
                system.deadLetter(this, dropped, "dropped: mailbox full");
            }
        }
        return (M) poll();
    }

    private Object poll() {
        Node next = (Node) NEXT.getAcquire(head);
        if (next == null) {
            return null;
        }
        Object message = next.message;
        next.message = null;
        head = next;
        QUEUED.getAndAdd(this, -1);
        return message;
    }

    @SuppressWarnings("unchecked")
    private void deliver(M message) {
        Acknowledgement acknowledgement = null;
        if (message instanceof Acknowledged acknowledged) {
            acknowledgement = acknowledged.acknowledgement();
            message = (M) acknowledged.message();
            if (!admitted(acknowledgement)) {
                return;
            }
        }
        try {
            Behavior<M> next = behavior.receive(this, message);
            processed++;
            consecutiveFailures = 0;
            if (acknowledgement != null) {
                acknowledge(acknowledgement);
            }
            if (next == null || Behaviors.isSame(next) || next == behavior) {
                return;
            }
            if (Behaviors.isStopped(next)) {
                terminate(AgentState.STOPPED, "stopped itself", true);
            } else {
                behavior = started(next);
            }
        } catch (Throwable failure) {
            rethrowFatal(failure);
            failed(failure);
        }
    }

    private boolean admitted(Acknowledgement acknowledgement) {
        try {
            return acknowledgement.admit();
        } catch (RuntimeException e) {
            system.deadLetter(this, e, "admission failed"); // not handled: the sender sends again
            return false;
        }
    }

    private void acknowledge(Acknowledgement acknowledgement) {
        try {
            acknowledgement.handled();
        } catch (RuntimeException e) {
            system.deadLetter(this, e, "acknowledgement failed"); // the sender sends again; the agent is fine
        }
    }

    private Behavior<M> started(Behavior<M> next) {
        Behavior<M> current = next;
        while (current instanceof Behaviors.Setup<M> setup) {
            current = setup.factory().apply(this);
        }
        return current;
    }

    private static void rethrowFatal(Throwable failure) {
        if (failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError)) {
            throw (VirtualMachineError) failure;
        }
    }

    // ---- lifecycle ----

    /** First start and every restart: the behaviour made afresh, stashed messages first. */
    void start() {
        if (ended || state == AgentState.STOPPING) {
            return;
        }
        transition(AgentState.STARTING, restarts == 0 ? "started" : "restart " + restarts);
        try {
            behavior = started(initial);
        } catch (Throwable failure) {
            rethrowFatal(failure);
            failed(failure);
            return;
        }
        if (stash != null && !stash.isEmpty()) {
            unstashAll();
        }
        transition(AgentState.RUNNING, null);
    }

    private void failed(Throwable failure) {
        failures++;
        consecutiveFailures++;
        cancelTimers();
        stopChildren();
        transition(AgentState.FAILED, describe(failure));
        if (parent != null) {
            parent.control(() -> parent.childFailed(this, failure));
        } else {
            system.topLevelFailed(this, failure);
        }
    }

    /** Stops the agent: its children first, timers cancelled, the mailbox's rest to dead letters. */
    void terminate(AgentState end, String reason, boolean itself) {
        if (state == AgentState.STOPPED) {
            return;
        }
        stopRequested = !itself;
        transition(AgentState.STOPPING, reason);
        cancelTimers();
        stopChildren();
        transition(end, reason);
        if (end == AgentState.STOPPED) {
            ended = true;
            Object message;
            while ((message = poll()) != null) {
                system.deadLetter(this, message, "stopped");
            }
            system.removed(this);
        }
        if (itself) {
            if (parent != null) {
                parent.control(() -> parent.childStopped(this));
            } else {
                system.topLevelStopped(this);
            }
        }
    }

    private void stopChildren() {
        List<AgentCell<?>> stopping = children;
        children = List.of();
        for (AgentCell<?> child : stopping) {
            child.retire("its supervisor stopped or restarts");
        }
    }

    /**
     * Stops this agent and its subtree on behalf of its supervisor: at once they take no more messages and
     * give up their ids (so a restarted supervisor can start children of the same ids); each then stops on its
     * own turn.
     */
    void retire(String reason) {
        ended = true;
        system.removed(this);
        for (AgentCell<?> child : children) {
            child.retire(reason);
        }
        control(() -> terminate(AgentState.STOPPED, reason, false));
    }

    private static List<AgentCell<?>> with(List<AgentCell<?>> list, AgentCell<?> cell) {
        List<AgentCell<?>> copy = new ArrayList<>(list.size() + 1);
        copy.addAll(list);
        copy.add(cell);
        return List.copyOf(copy);
    }

    private static List<AgentCell<?>> without(List<AgentCell<?>> list, AgentCell<?> cell) {
        List<AgentCell<?>> copy = new ArrayList<>(list);
        copy.remove(cell);
        return List.copyOf(copy);
    }

    private void transition(AgentState to, String reason) {
        AgentState from = state;
        state = to;
        system.changed(this, from, to, reason);
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    // ---- supervising children (on this agent's turn) ----

    private void childFailed(AgentCell<?> child, Throwable failure) {
        if (!children.contains(child)) {
            return; // stopped or restarted meanwhile
        }
        RestartStrategy restart = child.options.supervision().restart();
        if (restart == RestartStrategy.TEMPORARY) {
            children = without(children, child);
            child.retire("temporary agent failed");
            return;
        }
        if (!withinIntensity()) {
            // too many restarts: this supervisor gives up and fails itself, escalating to its own supervisor
            failed(new Escalation(id, child.id, failure));
            return;
        }
        Duration delay = AgentSystem.backoff(child.options.supervision(), child.consecutiveFailures, system.random());
        for (AgentCell<?> sibling : restartSet(child)) {
            sibling.restartAfter(sibling == child ? delay : Duration.ZERO);
        }
    }

    private void childStopped(AgentCell<?> child) {
        if (!children.contains(child)) {
            return;
        }
        if (child.options.supervision().restart() == RestartStrategy.PERMANENT && !child.stopRequested) {
            // a permanent agent that ends on its own is started again, as in OTP
            system.reregister(child);
            child.revive();
            child.restartAfter(Duration.ZERO);
        } else {
            children = without(children, child);
        }
    }

    private List<AgentCell<?>> restartSet(AgentCell<?> failed) {
        SupervisionStrategy strategy = options.supervision().strategy();
        if (strategy == SupervisionStrategy.ONE_FOR_ALL) {
            return List.copyOf(children);
        }
        if (strategy == SupervisionStrategy.REST_FOR_ONE) {
            return List.copyOf(children.subList(children.indexOf(failed), children.size()));
        }
        return List.of(failed);
    }

    private boolean withinIntensity() {
        if (childRestartTimes == null) {
            childRestartTimes = new ArrayDeque<>();
        }
        return AgentSystem.admitRestart(childRestartTimes, options.supervision(), system.nanoTime());
    }

    /** Restarts this agent after {@code delay} (on its own turn); its mailbox is kept. */
    void restartAfter(Duration delay) {
        Runnable restart = () -> {
            if (ended) {
                return;
            }
            if (state != AgentState.FAILED) {
                cancelTimers();
                stopChildren();
            }
            restarts++;
            start();
        };
        if (delay.isZero()) {
            control(restart);
        } else {
            system.scheduler().schedule(() -> control(restart), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Holds the mailbox without handling it (messages still arrive, within the bound) until resumed. */
    void suspend() {
        control(() -> {
            if (state == AgentState.RUNNING) {
                transition(AgentState.SUSPENDED, "suspended");
            }
        });
    }

    void resume() {
        control(() -> {
            if (state == AgentState.SUSPENDED) {
                transition(AgentState.RUNNING, "resumed");
            }
        });
    }

    /** Stops this agent for good after an escalation or a runaway message (reported, not restarted). */
    void giveUp(String reason) {
        control(() -> {
            if (!ended) {
                ended = true;
                cancelTimers();
                stopChildren();
                transition(AgentState.FAILED, reason);
                system.removed(this);
                system.gaveUp(this, reason);
            }
        });
    }

    /** A stopped permanent agent comes back: it takes messages again. */
    void revive() {
        ended = false;
        stopRequested = false;
    }

    boolean ended() {
        return ended;
    }

    AgentCell<?> parent() {
        return parent;
    }

    int restarts() {
        return restarts;
    }

    long processed() {
        return processed;
    }

    /** The mean time one message took, in microseconds, from the timed turns; NaN before any. */
    double meanMicros() {
        long messages = timedMessages;
        return messages == 0 ? Double.NaN : timedNanos / 1e3 / messages;
    }

    long failures() {
        return failures;
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** When this top-level agent restarted (the system supervises it). */
    ArrayDeque<Long> restartTimes() {
        if (ownRestartTimes == null) {
            ownRestartTimes = new ArrayDeque<>();
        }
        return ownRestartTimes;
    }

    int childCount() {
        return children.size();
    }

    /** A supervisor's failure after its children restarted too often. */
    static final class Escalation extends RuntimeException {

        Escalation(String supervisor, String child, Throwable cause) {
            super(supervisor + " gave up: " + child + " restarted too often (" + describe(cause) + ")", cause);
        }
    }
}
