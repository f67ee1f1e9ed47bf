package io.mabeam.console;

import io.mabeam.agents.boundary.Agents;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.events.entity.RecordedEvent;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.Serializable;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;

/**
 * The console's page for one agent ({@code agent.xhtml?id=…}): its spec, what its node knows of it live (asked
 * over the wire when another node runs it), its performance over the last interval, its latest lifecycle
 * events; send it a message, restart or stop it.
 */
@Named
@ViewScoped
public class AgentDetailView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Agents agents;

    @EJB
    transient Events events;

    @Inject
    transient Messages messages;

    private String id;
    private Agents.AgentView agent;
    private String outgoing = "{}";
    private boolean awaitReply = true;
    private boolean atLeastOnce;
    private String lastOutcome;

    /** Reads the agent named by the {@code id} request parameter; an unknown one leaves the page empty. */
    public void load() {
        try {
            agent = id == null ? null : agents.get(id);
        } catch (RuntimeException e) {
            agent = null;
            messages.problem(e);
        }
    }

    /** Its latest lifecycle events, newest first. */
    public List<RecordedEvent> getEvents() {
        if (agent == null) {
            return List.of();
        }
        try {
            String stream = "agent:" + id;
            long version = events.version(stream);
            return version < 0 ? List.of() : events.readStream(stream, version, false, 20);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    public void send() {
        try {
            JsonObject message = Json.createReader(new StringReader(outgoing)).readObject();
            Agents.Sent sent = agents.send(id, message, awaitReply, Duration.ofSeconds(5), atLeastOnce, null);
            lastOutcome = sent.status().name().toLowerCase()
                    + sent.reply().map(reply -> ": " + reply).orElse("");
            messages.info("Message to " + id + " " + lastOutcome);
        } catch (JsonException | IllegalStateException e) {
            messages.problem(new IllegalArgumentException("the message is not a JSON object"));
        } catch (RuntimeException e) {
            lastOutcome = null;
            messages.problem(e);
        }
        load();
    }

    public void restart() {
        try {
            agents.restart(id);
            messages.info("Agent " + id + " restarted");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        load();
    }

    public void stop() {
        try {
            agents.stop(id);
            messages.info("Agent " + id + " stopped");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        load();
    }

    /** Mailbox, handled, failures and restarts as its node knows them now. */
    public String getLiveSummary() {
        return agent == null
                ? ""
                : agent.live()
                        .map(live -> "mailbox " + live.mailbox() + " · handled " + live.processed() + " · failures "
                                + live.failures() + " · restarts " + live.restarts())
                        .orElse("not running now");
    }

    /** Throughput and success over the last monitoring interval. */
    public String getPerformanceSummary() {
        return agent == null
                ? ""
                : agent.performance()
                        .map(p -> String.format(
                                java.util.Locale.ROOT,
                                "%.1f messages/s · %.0f %% handled without failing",
                                p.messagesPerSecond(),
                                100 * p.successRate()))
                        .orElse("not measured yet");
    }

    public String getState() {
        return agent == null ? "" : AgentsView.state(agent);
    }

    public List<String> getCapabilities() {
        return agent == null ? List.of() : agents.capabilities(agent.spec().type());
    }

    public Agents.AgentView getAgent() {
        return agent;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getOutgoing() {
        return outgoing;
    }

    public void setOutgoing(String outgoing) {
        this.outgoing = outgoing;
    }

    public boolean isAwaitReply() {
        return awaitReply;
    }

    public void setAwaitReply(boolean awaitReply) {
        this.awaitReply = awaitReply;
    }

    public boolean isAtLeastOnce() {
        return atLeastOnce;
    }

    public void setAtLeastOnce(boolean atLeastOnce) {
        this.atLeastOnce = atLeastOnce;
    }

    public String getLastOutcome() {
        return lastOutcome;
    }
}
