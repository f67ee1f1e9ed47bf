package io.mabeam.console;

import io.mabeam.agents.boundary.Agents;
import io.mabeam.balancing.entity.NodeLoad;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's agents page: the agents started through the platform with their live state on this node,
 * refreshed live; start one of a known type, stop one, and look at one (spec and counters).
 */
@Named
@ViewScoped
public class AgentsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Agents agents;

    @Inject
    transient Messages messages;

    private String typeFilter;
    private String newId;
    private String newType = "trainer";
    private String newConfig = "{}";
    private String newTopics;
    private String newPlacement = "here";
    private String selected;
    private List<Agents.AgentView> rows;

    public void show() {
        try {
            rows = agents.list(typeFilter == null || typeFilter.isBlank() ? null : typeFilter, null, null);
        } catch (RuntimeException e) {
            rows = new ArrayList<>();
            messages.problem(e);
        }
    }

    public void spawn() {
        try {
            JsonObject config = newConfig == null || newConfig.isBlank()
                    ? JsonObject.EMPTY_JSON_OBJECT
                    : Json.createReader(new StringReader(newConfig)).readObject();
            List<String> topics = newTopics == null || newTopics.isBlank()
                    ? List.of()
                    : List.of(newTopics.trim().split("\\s*,\\s*"));
            agents.spawn(
                    newId,
                    newType,
                    config,
                    null,
                    null,
                    topics,
                    new Agents.Where("here".equals(newPlacement) ? null : newPlacement, null, java.util.Set.of()));
            messages.info("Agent " + newId + " started");
            selected = newId;
            newId = null;
        } catch (JsonException | IllegalStateException e) {
            messages.problem(new IllegalArgumentException("the configuration is not a JSON object"));
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        show();
    }

    public void restart(String id) {
        try {
            agents.restart(id);
            messages.info("Agent " + id + " restarted");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        show();
    }

    public void rebalance() {
        try {
            int moves = agents.rebalance().size();
            messages.info(moves == 0 ? "The agents are balanced already" : moves + " agents move");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        show();
    }

    public List<NodeLoad> getNodes() {
        try {
            return agents.nodes();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    public List<String> getPlacements() {
        return List.of("here", "least-loaded", "round-robin", "capability-aware", "performance-weighted");
    }

    public String getNewTopics() {
        return newTopics;
    }

    public void setNewTopics(String newTopics) {
        this.newTopics = newTopics;
    }

    public String getNewPlacement() {
        return newPlacement;
    }

    public void setNewPlacement(String newPlacement) {
        this.newPlacement = newPlacement;
    }

    public void stop(String id) {
        try {
            agents.stop(id);
            messages.info("Agent " + id + " stopped");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        show();
    }

    public void select(String id) {
        selected = id;
    }

    public Agents.AgentView getDetail() {
        if (selected == null) {
            return null;
        }
        try {
            return agents.get(selected);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static String state(Agents.AgentView view) {
        return view.live()
                .map(live -> live.state().name())
                .orElse(view.spec().state().name())
                .toLowerCase();
    }

    public String stateOf(Agents.AgentView view) {
        return state(view);
    }

    public List<Agents.AgentView> getRows() {
        if (rows == null) {
            show();
        }
        return rows;
    }

    public List<String> getTypes() {
        return List.of("optimizer", "trainer", "echo");
    }

    public String getTypeFilter() {
        return typeFilter;
    }

    public void setTypeFilter(String typeFilter) {
        this.typeFilter = typeFilter;
    }

    public String getNewId() {
        return newId;
    }

    public void setNewId(String newId) {
        this.newId = newId;
    }

    public String getNewType() {
        return newType;
    }

    public void setNewType(String newType) {
        this.newType = newType;
    }

    public String getNewConfig() {
        return newConfig;
    }

    public void setNewConfig(String newConfig) {
        this.newConfig = newConfig;
    }

    public String getSelected() {
        return selected;
    }
}
