package io.mabeam.agents.control;

import io.mabeam.agents.entity.AgentPerformance;
import io.mabeam.agents.entity.AgentSnapshot;
import io.mabeam.agents.entity.PerformanceAlert;
import io.mabeam.agents.entity.Thresholds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns periodic snapshots of agents into their performance over each interval, and alerts: raised once when
 * an agent crosses a threshold, cleared once when it is back (no alert storm while it stays over). Agents that
 * are gone are forgotten. Not thread-safe: one observer calls it.
 */
public final class PerformanceMonitor {

    private record Seen(long at, long processed, long failures, int restarts) {}

    private volatile Thresholds thresholds;
    private final Map<String, Seen> previous = new HashMap<>();
    private final Map<String, EnumSet<PerformanceAlert.Kind>> raised = new HashMap<>();
    private final Map<String, AgentPerformance> latest = new HashMap<>();

    public PerformanceMonitor(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** What changed since the last observation, at {@code nanos} (a monotonic clock). */
    /** From the next observation on, alerts are raised and cleared against these. */
    public void thresholds(Thresholds changed) {
        this.thresholds = java.util.Objects.requireNonNull(changed);
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    public List<PerformanceAlert> observe(long nanos, Collection<AgentSnapshot> agents) {
        List<PerformanceAlert> alerts = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (AgentSnapshot agent : agents) {
            present.add(agent.id());
            Seen before = previous.get(agent.id());
            Seen now = new Seen(nanos, agent.processed(), agent.failures(), agent.restarts());
            previous.put(agent.id(), now);
            if (before == null || nanos <= before.at()) {
                continue;
            }
            double seconds = (nanos - before.at()) / 1e9;
            long handled = Math.max(0, now.processed() - before.processed());
            long failed = Math.max(0, now.failures() - before.failures());
            double success = handled + failed == 0 ? 1.0 : handled / (double) (handled + failed);
            AgentPerformance performance = new AgentPerformance(
                    agent.id(),
                    handled / seconds,
                    agent.meanMicros(),
                    success,
                    agent.mailbox(),
                    Math.max(0, now.restarts() - before.restarts()));
            latest.put(agent.id(), performance);
            check(performance, alerts);
        }
        previous.keySet().retainAll(present);
        latest.keySet().retainAll(present);
        raised.keySet().retainAll(present);
        return alerts;
    }

    /** Each agent's performance over its last interval. */
    public Map<String, AgentPerformance> latest() {
        return Map.copyOf(latest);
    }

    private void check(AgentPerformance p, List<PerformanceAlert> alerts) {
        flag(
                p.agent(),
                PerformanceAlert.Kind.MAILBOX,
                p.mailbox() > thresholds.maxMailbox(),
                p.mailbox(),
                thresholds.maxMailbox(),
                alerts);
        flag(
                p.agent(),
                PerformanceAlert.Kind.SLOW_MESSAGES,
                p.meanMicros() > thresholds.maxMeanMicros(),
                p.meanMicros(),
                thresholds.maxMeanMicros(),
                alerts);
        flag(
                p.agent(),
                PerformanceAlert.Kind.FAILURES,
                p.successRate() < thresholds.minSuccessRate(),
                p.successRate(),
                thresholds.minSuccessRate(),
                alerts);
        flag(
                p.agent(),
                PerformanceAlert.Kind.RESTARTS,
                p.restartsInInterval() > thresholds.maxRestartsInInterval(),
                p.restartsInInterval(),
                thresholds.maxRestartsInInterval(),
                alerts);
    }

    private void flag(
            String agent,
            PerformanceAlert.Kind kind,
            boolean over,
            double value,
            double threshold,
            List<PerformanceAlert> alerts) {
        EnumSet<PerformanceAlert.Kind> kinds =
                raised.computeIfAbsent(agent, a -> EnumSet.noneOf(PerformanceAlert.Kind.class));
        if (over && kinds.add(kind)) {
            alerts.add(new PerformanceAlert(agent, kind, true, value, threshold));
        } else if (!over && kinds.remove(kind)) {
            alerts.add(new PerformanceAlert(agent, kind, false, value, threshold));
        }
    }
}
