package io.mabeam.agents.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.agents.entity.AgentPerformance;
import io.mabeam.agents.entity.AgentSnapshot;
import io.mabeam.agents.entity.AgentState;
import io.mabeam.agents.entity.PerformanceAlert;
import io.mabeam.agents.entity.Thresholds;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerformanceMonitorTest {

    static final long SECOND = 1_000_000_000L;

    static AgentSnapshot agent(String id, long processed, long failures, int restarts, int mailbox, double micros) {
        return new AgentSnapshot(id, AgentState.RUNNING, null, mailbox, processed, failures, restarts, 0, micros);
    }

    @Test
    void ratesComeFromTheDifferenceBetweenTwoObservations() {
        PerformanceMonitor monitor = new PerformanceMonitor(Thresholds.defaults());
        assertThat(monitor.observe(0, List.of(agent("a", 100, 0, 0, 0, 5)))).isEmpty();
        assertThat(monitor.latest()).isEmpty();
        monitor.observe(2 * SECOND, List.of(agent("a", 1100, 0, 0, 3, 5)));
        AgentPerformance a = monitor.latest().get("a");
        assertThat(a.messagesPerSecond()).isEqualTo(500.0);
        assertThat(a.successRate()).isEqualTo(1.0);
        assertThat(a.mailbox()).isEqualTo(3);
        assertThat(a.meanMicros()).isEqualTo(5.0);
    }

    @Test
    void anAlertIsRaisedOnceWhileOverAndClearedOnceWhenBack() {
        PerformanceMonitor monitor = new PerformanceMonitor(new Thresholds(10, 1000, 0.9, 1));
        monitor.observe(0, List.of(agent("a", 0, 0, 0, 0, 5)));
        List<PerformanceAlert> first = monitor.observe(SECOND, List.of(agent("a", 10, 5, 3, 50, 5000)));
        assertThat(first)
                .extracting(PerformanceAlert::kind)
                .containsExactlyInAnyOrder(
                        PerformanceAlert.Kind.MAILBOX,
                        PerformanceAlert.Kind.SLOW_MESSAGES,
                        PerformanceAlert.Kind.FAILURES,
                        PerformanceAlert.Kind.RESTARTS);
        assertThat(first).allMatch(PerformanceAlert::raised);
        // mailbox and time stay over (nothing said again); failures and restarts stopped (cleared)
        assertThat(monitor.observe(2 * SECOND, List.of(agent("a", 20, 5, 3, 60, 5000))))
                .extracting(PerformanceAlert::kind)
                .containsExactlyInAnyOrder(PerformanceAlert.Kind.FAILURES, PerformanceAlert.Kind.RESTARTS);
        List<PerformanceAlert> cleared = monitor.observe(3 * SECOND, List.of(agent("a", 30, 5, 3, 0, 5)));
        assertThat(cleared)
                .extracting(PerformanceAlert::kind)
                .containsExactlyInAnyOrder(PerformanceAlert.Kind.MAILBOX, PerformanceAlert.Kind.SLOW_MESSAGES);
        assertThat(cleared).noneMatch(PerformanceAlert::raised);
    }

    @Test
    void agentsThatAreGoneAreForgotten() {
        PerformanceMonitor monitor = new PerformanceMonitor(Thresholds.defaults());
        monitor.observe(0, List.of(agent("a", 0, 0, 0, 0, 1), agent("b", 0, 0, 0, 0, 1)));
        monitor.observe(SECOND, List.of(agent("a", 1, 0, 0, 0, 1), agent("b", 1, 0, 0, 0, 1)));
        monitor.observe(2 * SECOND, List.of(agent("a", 2, 0, 0, 0, 1)));
        assertThat(monitor.latest()).containsOnlyKeys("a");
    }
}
