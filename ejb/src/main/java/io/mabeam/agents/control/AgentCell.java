package io.mabeam.agents.control;

import io.mabeam.agents.entity.AgentState;
import io.mabeam.agents.entity.OverflowPolicy;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One agent: its behaviour, its mailbox and its place in the supervision tree. It is its own address, its
 * own context and its own task: when a message arrives at an idle agent the cell schedules itself once on the
 * system's executor and then handles up to {@code throughput} messages in a row, so a thread serves many
 * agents and an agent is never on two threads at once.
 *
 * <p>Its superclass {@link AgentCounters} counts its messages, failures and restarts; above that, {@link Mailbox}
 * holds the messages (a lock-free linked queue bounded by a counter), the control
 * actions (start, restart, stop, a child's failure), which always run before messages, and the flag that
 * schedules the turn. Everything else ({@link Stash}, {@link Timers}, {@link Children} and restart bookkeeping)
 * is allocated only when an agent uses it, so an idle agent costs a few dozen bytes beyond its own state.
 */
final class AgentCell<M> extends AgentCounters implements AgentRef<M>, AgentContext<M>, Runnable {

    private final String id;
    private final AgentSystem system;
    private final AgentCell<?> parent;
    private final Behavior<M> initial;
    final AgentOptions options;

    private Behavior<M> behavior;
    private volatile AgentState state = AgentState.REGISTERED;

    /** Allocated on first use. */
    private volatile Children children;

    private Timers timers;
    private Stash<M> stash;
    private boolean stopRequested;
    /** Stopped, or given up: takes no more messages. */
    private volatile boolean ended;

    AgentCell(String id, AgentSystem system, AgentCell<?> parent, Behavior<M> initial, AgentOptions options) {
        this.id = id;
        this.system = system;
        this.parent = parent;
        this.initial = initial;
        this.options = options;
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

    private boolean enqueue(Object message) {
        if (message == null) {
            throw new IllegalArgumentException("a message is not null");
        }
        if (ended) {
            system.deadLetter(this, message, "stopped");
            return false;
        }
        int before = countIn();
        if (before >= options.mailboxCapacity() && options.overflow() == OverflowPolicy.REJECT) {
            countOut();
            system.deadLetter(this, message, "mailbox full");
            return false;
        }
        link(message);
        if (state == AgentState.RUNNING) {
            schedule();
        }
        return true;
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
        if (children == null) {
            children = new Children(this, system);
        }
        children.add(child);
        child.control(child::start);
        return child;
    }

    @Override
    public boolean stop(AgentRef<?> child) {
        if (!(child instanceof AgentCell<?> cell) || children == null || !children.remove(cell)) {
            return false;
        }
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
            timers = new Timers();
        }
        timers.replace(key, timer);
    }

    @Override
    public void cancelTimer(Object key) {
        if (timers != null) {
            timers.cancel(key);
        }
    }

    private void cancelTimers() {
        if (timers != null) {
            timers.cancelAll();
            timers = null;
        }
    }

    @Override
    public void stash(M message) {
        if (stash == null) {
            stash = new Stash<>();
        }
        stash.add(message, options.stashCapacity(), id);
    }

    @Override
    public void unstashAll() {
        if (stash != null) {
            stash.unstashAll();
        }
    }

    // ---- the agent's turn ----

    /** Runs {@code action} on the agent's turn, before any message. */
    void control(Runnable action) {
        addControl(action);
        schedule();
    }

    private void schedule() {
        if (claimTurn()) {
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
                if (hasControl()) {
                    runControl();
                }
            }
        } finally {
            if (timed && processed > processedBefore) {
                timedNanos += System.nanoTime() - startedAt;
                timedMessages += processed - processedBefore;
            }
            system.turnEnded(turn);
            releaseTurn();
            if (hasWork()) {
                schedule();
            }
        }
    }

    private boolean hasWork() {
        return hasControl() || state == AgentState.RUNNING && ((stash != null && stash.hasUnstashed()) || hasMessage());
    }

    @SuppressWarnings("unchecked")
    private M nextMessage() {
        if (stash != null && stash.hasUnstashed()) {
            return stash.next();
        }
        if (options.overflow() == OverflowPolicy.DROP_OLDEST) {
            while (queued() > options.mailboxCapacity()) {
                Object dropped = poll();
                if (dropped == null) {
                    break;
                }
                system.deadLetter(this, dropped, "dropped: mailbox full");
            }
        }
        return (M) poll();
    }

    @SuppressWarnings("unchecked")
    private void deliver(M message) {
        Acknowledgement acknowledgement = null;
        if (message instanceof Acknowledged acknowledged) {
            acknowledgement = acknowledged.acknowledgement();
            message = (M) acknowledged.message();
            if (!Acknowledged.admitted(system, this, acknowledgement)) {
                return;
            }
        }
        try {
            Behavior<M> next = behavior.receive(this, message);
            processed++;
            consecutiveFailures = 0;
            if (acknowledgement != null) {
                Acknowledged.acknowledge(system, this, acknowledgement);
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
            Acknowledged.rethrowFatal(failure);
            failed(failure);
        }
    }

    private Behavior<M> started(Behavior<M> next) {
        Behavior<M> current = next;
        while (current instanceof Behaviors.Setup<M> setup) {
            current = setup.factory().apply(this);
        }
        return current;
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
            Acknowledged.rethrowFatal(failure);
            failed(failure);
            return;
        }
        if (stash != null && stash.hasStashed()) {
            stash.unstashAll();
        }
        transition(AgentState.RUNNING, null);
    }

    /** Fails this agent (a message or its start threw, or its children escalated) and tells its supervisor. */
    void failed(Throwable failure) {
        failures++;
        consecutiveFailures++;
        cancelTimers();
        stopChildren();
        transition(AgentState.FAILED, Acknowledged.describe(failure));
        if (parent != null) {
            parent.control(() -> parent.children.failed(this, failure));
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
                parent.control(() -> parent.children.stopped(this));
            } else {
                system.topLevelStopped(this);
            }
        }
    }

    private void stopChildren() {
        if (children != null) {
            children.retireAll("its supervisor stopped or restarts");
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
        Children subtree = children;
        if (subtree != null) {
            for (AgentCell<?> child : subtree.all()) {
                child.retire(reason);
            }
        }
        control(() -> terminate(AgentState.STOPPED, reason, false));
    }

    private void transition(AgentState to, String reason) {
        AgentState from = state;
        state = to;
        system.changed(this, from, to, reason);
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

    int childCount() {
        Children now = children;
        return now == null ? 0 : now.size();
    }

    boolean stopRequested() {
        return stopRequested;
    }
}
