package io.mabeam.agents.boundary;

import io.mabeam.agents.control.AgentStore;
import io.mabeam.agents.entity.AgentState;
import io.mabeam.agents.entity.PerformanceAlert;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.events.entity.ExpectedVersion;
import io.mabeam.foundation.events.entity.NewEvent;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes agents' lifecycle transitions: each an event {@code AgentStateChanged} in stream {@code agent:<id>} and
 * the agent's row's state — for the incarnation that reported it only — in one transaction per batch.
 */
@Stateless
public class AgentJournal {

    /** One transition of one incarnation of an agent. */
    public record Transition(
            String agent, long incarnation, AgentState from, AgentState to, String reason, String node, Instant at)
            implements AgentStore.StateChange {}

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @EJB
    Events events;

    final AgentStore store = new AgentStore();

    /** Performance alerts, each an event {@code AgentAlertRaised} or {@code AgentAlertCleared} in its agent's stream. */
    public void alerts(List<PerformanceAlert> alerts, String node) {
        for (PerformanceAlert alert : alerts) {
            JsonObjectBuilder payload = Json.createObjectBuilder()
                    .add("kind", alert.kind().name().toLowerCase())
                    .add("threshold", alert.threshold())
                    .add("node", node);
            if (Double.isFinite(alert.value())) {
                payload.add("value", alert.value());
            }
            events.record(
                    "agent:" + alert.agent(),
                    alert.raised() ? "AgentAlertRaised" : "AgentAlertCleared",
                    payload.build());
        }
    }

    /** An agent was handed from one node to another (rebalancing): event {@code AgentMigrated}. */
    public void migrated(String agent, long incarnation, String from, String to, Instant at) {
        events.record(
                "agent:" + agent,
                "AgentMigrated",
                Json.createObjectBuilder()
                        .add("from", from)
                        .add("to", to)
                        .add("incarnation", incarnation)
                        .add("at", at.toString())
                        .build());
    }

    /**
     * Records a batch: one append per agent with all its transitions in order (an agent starting is two, often
     * in one batch), and one state update per agent and incarnation — its last — sent as one JDBC batch.
     */
    public void record(List<Transition> transitions) {
        Map<String, List<Transition>> byAgent = new LinkedHashMap<>();
        for (Transition t : transitions) {
            byAgent.computeIfAbsent(t.agent(), agent -> new ArrayList<>()).add(t);
        }
        Jdbc.useConnection(dataSource, "recording " + transitions.size() + " agent transitions failed", connection -> {
            List<Transition> last = new ArrayList<>();
            for (Map.Entry<String, List<Transition>> agent : byAgent.entrySet()) {
                List<NewEvent> changes = new ArrayList<>();
                Transition previous = null;
                for (Transition t : agent.getValue()) {
                    changes.add(NewEvent.of("AgentStateChanged", payload(t)));
                    if (previous != null && previous.incarnation() != t.incarnation()) {
                        last.add(previous);
                    }
                    previous = t;
                }
                last.add(previous);
                events.append("agent:" + agent.getKey(), ExpectedVersion.ANY, changes, null, null);
            }
            store.recordStates(connection, last);
        });
    }

    private static String payload(Transition t) {
        JsonObjectBuilder payload = Json.createObjectBuilder()
                .add("from", t.from().name())
                .add("to", t.to().name())
                .add("incarnation", t.incarnation())
                .add("node", t.node())
                .add("at", t.at().toString());
        if (t.reason() != null) {
            payload.add("reason", t.reason());
        }
        return payload.build().toString();
    }
}
