package io.mabeam.agents.control;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An agent's mailbox and its claim on a thread, as in Akka's {@code Mailbox}: the messages, in a lock-free
 * multi-producer single-consumer linked queue (a sender swaps the tail; only the agent's turn moves the head) with
 * a counter the cell bounds it by; the control actions (start, restart, stop, a child's failure), in a second
 * queue created when first needed, which the turn runs before messages; and the flag that makes sure the agent is
 * scheduled once and so never runs on two threads. It is {@link AgentCell}'s superclass rather than an object of
 * its own, so an idle agent carries no second object header and pointer for it.
 */
abstract class Mailbox {

    private static final VarHandle TAIL;
    private static final VarHandle QUEUED;
    private static final VarHandle NEXT;
    private static final VarHandle SCHEDULED;
    private static final VarHandle CONTROL;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(Mailbox.class, "tail", Node.class);
            QUEUED = lookup.findVarHandle(Mailbox.class, "queued", int.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
            SCHEDULED = lookup.findVarHandle(Mailbox.class, "scheduled", int.class);
            CONTROL = lookup.findVarHandle(Mailbox.class, "control", ConcurrentLinkedQueue.class);
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

    private Node head;
    private volatile Node tail;
    private volatile int queued;
    private volatile int scheduled;
    private volatile ConcurrentLinkedQueue<Runnable> control;

    Mailbox() {
        Node stub = new Node(null);
        this.head = stub;
        this.tail = stub;
    }

    /** Counts a message in before it is linked; answers how many were counted before it. */
    final int countIn() {
        return (int) QUEUED.getAndAdd(this, 1);
    }

    /** Takes back a {@link #countIn} whose message was refused. */
    final void countOut() {
        QUEUED.getAndAdd(this, -1);
    }

    /** Appends a counted message (any thread). */
    final void link(Object message) {
        Node node = new Node(message);
        Node previous = (Node) TAIL.getAndSet(this, node);
        NEXT.setRelease(previous, node);
    }

    /** The oldest message, or null (the agent's turn only). */
    final Object poll() {
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

    final boolean hasMessage() {
        return NEXT.getAcquire(head) != null;
    }

    /** Messages counted in and not yet taken; may briefly run ahead of those linked. */
    final int queued() {
        return queued;
    }

    final int mailboxSize() {
        return Math.max(0, queued);
    }

    /** Adds a control action for the next turn (any thread). */
    final void addControl(Runnable action) {
        ConcurrentLinkedQueue<Runnable> queue = control;
        if (queue == null) {
            CONTROL.compareAndSet(this, null, new ConcurrentLinkedQueue<Runnable>());
            queue = control;
        }
        queue.add(action);
    }

    final boolean hasControl() {
        ConcurrentLinkedQueue<Runnable> queue = control;
        return queue != null && !queue.isEmpty();
    }

    /** Runs the control actions waiting (the agent's turn only). */
    final void runControl() {
        ConcurrentLinkedQueue<Runnable> queue = control;
        if (queue == null) {
            return;
        }
        Runnable action;
        while ((action = queue.poll()) != null) {
            action.run();
        }
    }

    /** Answers true to the one caller that is to schedule the agent's turn now. */
    final boolean claimTurn() {
        return SCHEDULED.compareAndSet(this, 0, 1);
    }

    /** The turn ended: the next message or control action schedules it again. */
    final void releaseTurn() {
        SCHEDULED.setVolatile(this, 0);
    }
}
