package io.mabeam.agents.control;

import io.mabeam.agents.entity.SupervisionStrategy;
import io.mabeam.foundation.tasks.entity.RestartStrategy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A supervisor's children and what it does when one fails or stops, as in OTP: restart it, its siblings too
 * (one-for-all, rest-for-one), or, past the restart intensity, give up and escalate. Allocated on a supervisor's
 * first spawn; everything but {@link #all} runs on the supervisor's turn.
 */
final class Children {

    private final AgentCell<?> supervisor;
    private final AgentSystem system;
    /**
     * In start order; replaced, never changed in place, so a supervisor retiring this one can walk its subtree
     * from another thread.
     */
    private volatile List<AgentCell<?>> cells = List.of();
    /** When the children restarted, for the intensity. */
    private final ArrayDeque<Long> restartTimes = new ArrayDeque<>();

    Children(AgentCell<?> supervisor, AgentSystem system) {
        this.supervisor = supervisor;
        this.system = system;
    }

    /** The children now (any thread). */
    List<AgentCell<?>> all() {
        return cells;
    }

    void add(AgentCell<?> child) {
        List<AgentCell<?>> copy = new ArrayList<>(cells.size() + 1);
        copy.addAll(cells);
        copy.add(child);
        cells = List.copyOf(copy);
    }

    /** Answers whether {@code child} was one. */
    boolean remove(AgentCell<?> child) {
        if (!cells.contains(child)) {
            return false;
        }
        List<AgentCell<?>> copy = new ArrayList<>(cells);
        copy.remove(child);
        cells = List.copyOf(copy);
        return true;
    }

    /** Retires every child: the supervisor stops or restarts. */
    void retireAll(String reason) {
        List<AgentCell<?>> stopping = cells;
        cells = List.of();
        for (AgentCell<?> child : stopping) {
            child.retire(reason);
        }
    }

    int size() {
        return cells.size();
    }

    void failed(AgentCell<?> child, Throwable failure) {
        if (!cells.contains(child)) {
            return; // stopped or restarted meanwhile
        }
        RestartStrategy restart = child.options.supervision().restart();
        if (restart == RestartStrategy.TEMPORARY) {
            remove(child);
            child.retire("temporary agent failed");
            return;
        }
        if (!AgentSystem.admitRestart(restartTimes, supervisor.options.supervision(), system.nanoTime())) {
            // too many restarts: the supervisor gives up and fails itself, escalating to its own supervisor
            supervisor.failed(new Escalation(supervisor.id(), child.id(), failure));
            return;
        }
        Duration delay = AgentSystem.backoff(child.options.supervision(), child.consecutiveFailures(), system.random());
        for (AgentCell<?> sibling : restartSet(child)) {
            sibling.restartAfter(sibling == child ? delay : Duration.ZERO);
        }
    }

    void stopped(AgentCell<?> child) {
        if (!cells.contains(child)) {
            return;
        }
        if (child.options.supervision().restart() == RestartStrategy.PERMANENT && !child.stopRequested()) {
            // a permanent agent that ends on its own is started again, as in OTP
            system.reregister(child);
            child.revive();
            child.restartAfter(Duration.ZERO);
        } else {
            remove(child);
        }
    }

    private List<AgentCell<?>> restartSet(AgentCell<?> failed) {
        SupervisionStrategy strategy = supervisor.options.supervision().strategy();
        if (strategy == SupervisionStrategy.ONE_FOR_ALL) {
            return cells;
        }
        if (strategy == SupervisionStrategy.REST_FOR_ONE) {
            return List.copyOf(cells.subList(cells.indexOf(failed), cells.size()));
        }
        return List.of(failed);
    }

    /** A supervisor's failure after its children restarted too often. */
    static final class Escalation extends RuntimeException {

        Escalation(String supervisor, String child, Throwable cause) {
            super(
                    supervisor + " gave up: " + child + " restarted too often (" + Acknowledged.describe(cause) + ")",
                    cause);
        }
    }
}
