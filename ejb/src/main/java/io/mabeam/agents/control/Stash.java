package io.mabeam.agents.control;

import java.util.ArrayDeque;

/**
 * Messages an agent set aside to handle later ({@link AgentContext#stash}), and those it took back and has not
 * handled yet; allocated when an agent first stashes.
 */
final class Stash<M> {

    private final ArrayDeque<M> stashed = new ArrayDeque<>();
    private ArrayDeque<M> unstashed;

    /** @throws IllegalStateException when {@code capacity} messages are stashed already */
    void add(M message, int capacity, String agent) {
        if (stashed.size() >= capacity) {
            throw new IllegalStateException("the stash of " + agent + " is full (" + capacity + ")");
        }
        stashed.add(message);
    }

    /** Every stashed message goes back in front of the mailbox, oldest first. */
    void unstashAll() {
        if (stashed.isEmpty()) {
            return;
        }
        if (unstashed == null) {
            unstashed = new ArrayDeque<>(stashed.size());
        }
        // stashed messages go before those unstashed earlier and not yet handled: they arrived before them
        while (!stashed.isEmpty()) {
            unstashed.addFirst(stashed.pollLast());
        }
    }

    boolean hasStashed() {
        return !stashed.isEmpty();
    }

    boolean hasUnstashed() {
        return unstashed != null && !unstashed.isEmpty();
    }

    /** The next unstashed message, or null. */
    M next() {
        return unstashed == null ? null : unstashed.poll();
    }
}
