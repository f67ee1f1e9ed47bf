package io.mabeam.variables.boundary;

import io.mabeam.foundation.events.boundary.EventSubscriber;
import io.mabeam.foundation.events.entity.RecordedEvent;
import io.mabeam.variables.control.SearchSpaceJson;
import io.mabeam.variables.entity.LiveVariableChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every node's subscription to the live variables' events, from the moment it first starts: keeps this
 * node's view of their current values and versions, and fires {@link LiveVariableChanged} for local
 * subscribers, once per change (a change delivered again is recognized by its version).
 */
@ApplicationScoped
public class LiveVariableSubscription implements EventSubscriber {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    Event<LiveVariableChanged> changes;

    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final Map<String, Object> values = new ConcurrentHashMap<>();

    @Override
    public String subscriptionName() {
        return "variables.live";
    }

    @Override
    public boolean onEveryNode() {
        return true;
    }

    @Override
    public String streamPrefix() {
        return "variable:";
    }

    @Override
    public boolean fromStart() {
        return false;
    }

    @Override
    public void handle(List<RecordedEvent> events) {
        for (RecordedEvent event : events) {
            JsonObject payload;
            try (var reader = JSON.createReader(new StringReader(event.payload()))) {
                payload = reader.readObject();
            }
            String name = payload.getString("name", event.stream().substring("variable:".length()));
            long version = payload.getJsonNumber("version").longValue();
            boolean removed = event.type().equals("VariableRemoved");
            if (!removed && version <= versions.getOrDefault(name, 0L)) {
                continue; // delivered again
            }
            Object value = removed ? null : SearchSpaceJson.scalar(name, payload.get("value"));
            Object previous =
                    payload.containsKey("previous") ? SearchSpaceJson.scalar(name, payload.get("previous")) : null;
            if (removed) {
                versions.remove(name);
                values.remove(name);
            } else {
                versions.put(name, version);
                if (value != null) {
                    values.put(name, value);
                }
            }
            changes.fire(new LiveVariableChanged(
                    name, value, previous, version, removed, payload.getString("reason", null)));
        }
    }

    /** What this node last heard of each variable's version (for health and tests). */
    public Map<String, Long> versions() {
        return Map.copyOf(versions);
    }
}
