package io.mabeam.console;

import io.mabeam.optimization.boundary.Studies;
import io.mabeam.optimization.control.TrialJson;
import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StoredTrial;
import io.mabeam.optimization.entity.StudyDefinition;
import io.mabeam.optimization.entity.StudySummary;
import io.mabeam.optimization.entity.TrialState;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The console's studies page: every optimization study with its objectives, sampler, trials by state and best
 * value, a form to create one from a JSON search space, and deletion. The study page ({@link StudyView}) shows
 * one in depth.
 */
@Named
@ViewScoped
public class StudiesView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    transient Studies studies;

    @Inject
    transient Messages messages;

    private List<StudySummary> summaries;
    private Map<String, String> bestValues;

    private String newName;
    private String newDirections = "minimize";
    private String newSampler = "auto";
    private String newSpace;

    public List<StudySummary> getStudies() {
        if (summaries == null) {
            try {
                summaries = studies.list();
            } catch (RuntimeException e) {
                summaries = new ArrayList<>();
                messages.problem(e);
            }
            bestValues = new HashMap<>();
        }
        return summaries;
    }

    /** The best value (single objective) or the size of the Pareto front (several), read once per view. */
    public String bestValue(StudySummary summary) {
        getStudies();
        return bestValues.computeIfAbsent(summary.definition().name(), name -> {
            if (summary.trialsByState().getOrDefault(TrialState.COMPLETE, 0L) == 0) {
                return "–";
            }
            try {
                List<StoredTrial> best = studies.best(name);
                if (summary.definition().directions().size() > 1) {
                    return best.size() + " on the Pareto front";
                }
                return best.isEmpty() ? "–" : number(best.get(0).trial().value());
            } catch (RuntimeException e) {
                return "?";
            }
        });
    }

    public long count(StudySummary summary, String state) {
        return summary.trialsByState().getOrDefault(TrialState.valueOf(state), 0L);
    }

    public String directions(StudyDefinition study) {
        return directionsOf(study);
    }

    public String samplerName(StudyDefinition study) {
        return samplerNameOf(study);
    }

    static String directionsOf(StudyDefinition study) {
        return study.directions().stream()
                .map(d -> d.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    static String samplerNameOf(StudyDefinition study) {
        return TrialJson.object(study.sampler()).getString("name", "auto");
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.6g", value);
    }

    /** Creates a study from the form: name, comma-separated directions, sampler name, search space as JSON. */
    public void create() {
        JsonObject space;
        List<Direction> directions;
        try {
            space = jsonObject(newSpace, "the search space");
            directions = parseDirections(newDirections);
        } catch (IllegalArgumentException e) {
            messages.error(e.getMessage());
            return;
        }
        JsonObject sampler = newSampler == null || newSampler.isBlank()
                ? JsonValue.EMPTY_JSON_OBJECT
                : JSON.createObjectBuilder().add("name", newSampler.trim()).build();
        String name = newName == null ? null : newName.trim();
        try {
            studies.create(
                    name,
                    directions,
                    space,
                    sampler,
                    JsonValue.EMPTY_JSON_OBJECT,
                    null,
                    Duration.ofMinutes(5),
                    0,
                    JsonValue.EMPTY_JSON_OBJECT);
            messages.info("Study " + name + " is created");
            summaries = null;
            newName = null;
            newSpace = null;
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void delete(String name) {
        try {
            studies.delete(name);
            messages.info("Study " + name + " is deleted");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        summaries = null;
    }

    static JsonObject jsonObject(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException(what + " is not a JSON object: " + e.getMessage());
        }
    }

    static List<Direction> parseDirections(String text) {
        List<Direction> directions = new ArrayList<>();
        if (text != null) {
            for (String direction : text.split("[,\\s]+")) {
                if (direction.isBlank()) {
                    continue;
                }
                try {
                    directions.add(Direction.valueOf(direction.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("a direction is minimize or maximize, not " + direction.trim());
                }
            }
        }
        return directions.isEmpty() ? List.of(Direction.MINIMIZE) : directions;
    }

    public String getNewName() {
        return newName;
    }

    public void setNewName(String newName) {
        this.newName = newName;
    }

    public String getNewDirections() {
        return newDirections;
    }

    public void setNewDirections(String newDirections) {
        this.newDirections = newDirections;
    }

    public String getNewSampler() {
        return newSampler;
    }

    public void setNewSampler(String newSampler) {
        this.newSampler = newSampler;
    }

    public String getNewSpace() {
        return newSpace;
    }

    public void setNewSpace(String newSpace) {
        this.newSpace = newSpace;
    }
}
