package io.mabeam.console;

import io.mabeam.foundation.events.entity.RecordedEvent;
import io.mabeam.variables.boundary.LiveVariables;
import io.mabeam.variables.control.LiveVariableStore;
import io.mabeam.variables.control.SearchSpaceJson;
import io.mabeam.variables.entity.LiveVariable;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.Serializable;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's live variables page: every live variable with its domain, value and version, a form to set
 * one (as an operator would over REST, with a reason kept in its history), and the selected one's recent
 * changes.
 */
@Named
@ViewScoped
public class VariablesView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    transient LiveVariables variables;

    @Inject
    transient Messages messages;

    private List<LiveVariable> list;
    private String selected;
    private String value;
    private String reason;
    private List<Change> history;

    /** One change of a live variable as its history shows it. */
    public record Change(String type, String value, String previous, long version, String reason, String by, Instant at)
            implements Serializable {}

    public List<LiveVariable> getVariables() {
        if (list == null) {
            try {
                list = variables.list();
            } catch (RuntimeException e) {
                list = new ArrayList<>();
                messages.problem(e);
            }
        }
        return list;
    }

    public String definition(LiveVariable variable) {
        JsonObject definition = LiveVariableStore.definition(variable.definition());
        return definition.toString();
    }

    public String text(Object value) {
        return SearchSpaceJson.toJson(value).toString();
    }

    public void select(String name) {
        selected = name;
        try {
            value = plain(SearchSpaceJson.toJson(variables.get(name).value()));
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        reason = null;
        history = null;
    }

    /** The form's variable was chosen from the menu: show its value and history. */
    public void chosen() {
        if (!blank(selected)) {
            select(selected);
        }
    }

    /** Sets the variable named in the form; the value is read as JSON (a bare word counts as a string). */
    public void save() {
        if (selected == null || selected.isBlank()) {
            messages.error("Choose a variable");
            return;
        }
        String name = selected.trim();
        try {
            LiveVariable changed = variables.set(
                    name, SearchSpaceJson.scalar(name, parse(value)), null, blank(reason) ? null : reason.trim());
            messages.info(name + " is " + text(changed.value()) + " (version " + changed.version() + ")");
            selected = name;
            list = null;
            history = null;
            reason = null;
        } catch (IllegalArgumentException e) {
            messages.error(e.getMessage());
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    static JsonValue parse(String text) {
        if (text == null || text.isBlank()) {
            return JsonValue.NULL;
        }
        try (var reader = JSON.createReader(new StringReader(text.trim()))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            return JSON.createValue(text.trim());
        }
    }

    private static String plain(JsonValue json) {
        return json.getValueType() == JsonValue.ValueType.STRING
                ? ((jakarta.json.JsonString) json).getString()
                : json.toString();
    }

    public List<Change> getHistory() {
        if (history == null && selected != null) {
            history = new ArrayList<>();
            try {
                for (RecordedEvent event : variables.history(selected, 20)) {
                    history.add(change(event));
                }
            } catch (RuntimeException e) {
                messages.problem(e);
            }
        }
        return history;
    }

    private static Change change(RecordedEvent event) {
        JsonObject payload = object(event.payload());
        JsonObject metadata = object(event.metadata());
        return new Change(
                event.type(),
                payload.containsKey("value") ? payload.get("value").toString() : "",
                payload.containsKey("previous") ? payload.get("previous").toString() : "",
                payload.getJsonNumber("version") == null
                        ? event.version()
                        : payload.getJsonNumber("version").longValue(),
                payload.getString("reason", ""),
                metadata.getString("principal", ""),
                event.recordedAt());
    }

    private static JsonObject object(String text) {
        if (text == null || text.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    public List<String> getNames() {
        return getVariables().stream().map(LiveVariable::name).toList();
    }

    public String getSelected() {
        return selected;
    }

    public void setSelected(String selected) {
        this.selected = selected;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
