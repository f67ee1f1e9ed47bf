package io.mabeam.console;

import io.mabeam.foundation.events.entity.RecordedEvent;
import io.mabeam.foundation.health.boundary.HealthMonitor;
import io.mabeam.foundation.health.entity.NodeHealth;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.Serializable;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Collectors;

/** The console's health page: this node's aggregate, each component, and the recorded changes. */
@Named
@ViewScoped
public class HealthView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    transient HealthMonitor monitor;

    private NodeHealth current;
    private List<RecordedEvent> history;

    public void refresh() {
        current = monitor.current();
        history = null;
    }

    public void checkNow() {
        current = monitor.check();
        history = null;
    }

    public NodeHealth getCurrent() {
        if (current == null) {
            current = monitor.current();
        }
        return current;
    }

    public List<RecordedEvent> getHistory() {
        if (history == null) {
            history = monitor.history(getCurrent().node(), 50);
        }
        return history;
    }

    /** "degraded → healthy", with the components that were not up. */
    public String describe(RecordedEvent event) {
        JsonObject payload =
                JSON.createReader(new StringReader(event.payload())).readObject();
        String level = payload.getString("level").toLowerCase();
        String from = payload.containsKey("previousLevel")
                ? payload.getString("previousLevel").toLowerCase() + " → "
                : "started ";
        String trouble = payload.getJsonArray("components").stream()
                .map(JsonValue::asJsonObject)
                .filter(c -> !"UP".equals(c.getString("status")))
                .map(c -> c.getString("component") + " " + c.getString("status").toLowerCase() + " ("
                        + c.getString("detail") + ")")
                .collect(Collectors.joining(", "));
        return from + level + (trouble.isEmpty() ? "" : ": " + trouble);
    }
}
