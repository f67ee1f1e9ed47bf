package io.mabeam.agents.boundary;

import io.mabeam.agents.control.AgentStore;
import io.mabeam.agents.entity.AgentState;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.events.entity.ExpectedVersion;
import io.mabeam.foundation.events.entity.NewEvent;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.monitoring.entity.PerformanceAlert;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes agents' lifecycle transitions: each an event {@code AgentStateChanged} in stream {@code agent:<id>} and
 * the agent's row's state — for the incarnation that reported it only — in one transaction per batch.
 */
@Stateless
public class AgentJournal {

    /** One transition of one incarnation of an agent. */
    public record Transition(
            String agent, long incarnation, AgentState from, AgentState to, String reason, String node, Instant at) {}

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
            events.append(
                    "agent:" + alert.agent(),
                    ExpectedVersion.ANY,
                    List.of(NewEvent.of(
                            alert.raised() ? "AgentAlertRaised" : "AgentAlertCleared",
                            payload.build().toString())),
                    null,
                    null);
        }
    }

    public void record(List<Transition> transitions) {
        try (Connection connection = dataSource.getConnection()) {
            for (Transition t : transitions) {
                JsonObjectBuilder payload = Json.createObjectBuilder()
                        .add("from", t.from().name())
                        .add("to", t.to().name())
                        .add("incarnation", t.incarnation())
                        .add("node", t.node())
                        .add("at", t.at().toString());
                if (t.reason() != null) {
                    payload.add("reason", t.reason());
                }
                events.append(
                        "agent:" + t.agent(),
                        ExpectedVersion.ANY,
                        List.of(NewEvent.of("AgentStateChanged", payload.build().toString())),
                        null,
                        null);
                store.recordState(connection, t.agent(), t.incarnation(), t.to(), t.reason(), t.at());
            }
        } catch (SQLException e) {
            throw new EJBException("recording " + transitions.size() + " agent transitions failed", e);
        }
    }
}
