package io.mabeam.agents.boundary;

import io.mabeam.agents.control.PerformanceMonitor;
import io.mabeam.agents.entity.AgentPerformance;
import io.mabeam.agents.entity.AgentSnapshot;
import io.mabeam.agents.entity.PerformanceAlert;
import io.mabeam.agents.entity.Thresholds;
import io.mabeam.balancing.entity.NodeLoad;
import io.mabeam.foundation.alerts.entity.AlertRaised;
import jakarta.enterprise.event.Event;
import jakarta.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The performance of this node's platform agents since the last look. An agent crossing a threshold (or coming
 * back) raises an alert, counts in metric {@code mabeam.agents.alerts} and is journalled as
 * {@code AgentAlertRaised} / {@code AgentAlertCleared} in its stream. The thresholds are read from
 * {@code mabeam.agents.alert.*} at each look, so they change at run time.
 */
final class PerformanceWatch {

    private static final Logger LOG = Logger.getLogger(PerformanceWatch.class.getName());

    private final Config config;
    private final MetricRegistry metrics;
    private final Event<AlertRaised> alertRaised;
    private final JournalQueue journal;
    private final Supplier<String> node;
    private final PerformanceMonitor monitor = new PerformanceMonitor(Thresholds.defaults());

    PerformanceWatch(
            Config config,
            MetricRegistry metrics,
            Event<AlertRaised> alertRaised,
            JournalQueue journal,
            Supplier<String> node) {
        this.config = config;
        this.metrics = metrics;
        this.alertRaised = alertRaised;
        this.journal = journal;
        this.node = node;
    }

    /** The load of this node running {@code mine}: how many, the messages waiting in their mailboxes, the CPU. */
    NodeLoad load(String node, List<AgentSnapshot> mine, Map<String, String> capabilities) {
        long queued = 0;
        double handled = handledPerSecond();
        int count = 0;
        for (AgentSnapshot snapshot : mine) {
            count++;
            queued += snapshot.mailbox();
        }
        double cpu = Math.max(
                        0,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage())
                / Runtime.getRuntime().availableProcessors();
        return new NodeLoad(node, count, queued, cpu, capabilities.keySet(), count == 0 ? 0 : handled / count);
    }

    void look(List<AgentSnapshot> mine) {
        List<PerformanceAlert> alerts;
        synchronized (monitor) {
            monitor.thresholds(configuredThresholds());
            alerts = monitor.observe(System.nanoTime(), mine);
        }
        for (PerformanceAlert alert : alerts) {
            if (alert.raised()) {
                raise(alert);
            }
            metrics.counter(
                            "mabeam.agents.alerts",
                            new Tag("kind", alert.kind().name().toLowerCase(Locale.ROOT)),
                            new Tag("raised", String.valueOf(alert.raised())))
                    .inc();
            journal.add(alert);
        }
    }

    private void raise(PerformanceAlert alert) {
        String kind = alert.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
        alertRaised.fire(new AlertRaised(
                "agent-" + kind,
                "Agent " + alert.agent() + " on " + node.get() + " crossed its " + kind + " threshold: " + alert.value()
                        + " against " + alert.threshold(),
                Json.createObjectBuilder()
                        .add("agent", alert.agent())
                        .add("kind", kind)
                        .add("value", Double.isFinite(alert.value()) ? alert.value() : -1)
                        .add("threshold", alert.threshold())
                        .build()));
    }

    /** The alert thresholds as configured now ({@code mabeam.agents.alert.*}, changeable at run time). */
    Thresholds configuredThresholds() {
        Thresholds defaults = Thresholds.defaults();
        try {
            return new Thresholds(
                    config.getOptionalValue("mabeam.agents.alert.max-mailbox", Integer.class)
                            .orElse(defaults.maxMailbox()),
                    config.getOptionalValue("mabeam.agents.alert.max-mean-micros", Double.class)
                            .orElse(defaults.maxMeanMicros()),
                    config.getOptionalValue("mabeam.agents.alert.min-success-rate", Double.class)
                            .orElse(defaults.minSuccessRate()),
                    config.getOptionalValue("mabeam.agents.alert.max-restarts", Integer.class)
                            .orElse(defaults.maxRestartsInInterval()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "agent alert thresholds are not valid; using the defaults", e);
            return defaults;
        }
    }

    /** An agent's performance over the last interval, if it runs here. */
    Optional<AgentPerformance> latest(String id) {
        synchronized (monitor) {
            return Optional.ofNullable(monitor.latest().get(id));
        }
    }

    /** Messages handled successfully per second by all agents here, over the last interval. */
    double handledPerSecond() {
        double handled = 0;
        synchronized (monitor) {
            for (AgentPerformance performance : monitor.latest().values()) {
                handled += performance.messagesPerSecond() * performance.successRate();
            }
        }
        return handled;
    }
}
