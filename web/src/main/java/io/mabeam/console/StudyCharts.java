package io.mabeam.console;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StoredTrial;
import io.mabeam.optimization.entity.StudyDefinition;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.FixedVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.Variable;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The charts of the study page as JSON for {@code resources/studies.js} (ECharts): the optimization history,
 * parallel coordinates and parameter importance. The JSON is safe inside a script element.
 */
final class StudyCharts {

    private static final JsonProvider JSON = JsonProvider.provider();
    static final String INACTIVE = "(inactive)";

    private StudyCharts() {}

    /**
     * The optimization history: one objective — each complete trial's value and the best so far; several —
     * the complete trials in the plane of the first two objectives and the Pareto front.
     */
    static String history(StudyDefinition study, List<Trial> complete, List<StoredTrial> best) {
        boolean multiObjective = study.directions().size() > 1;
        JsonObjectBuilder json = JSON.createObjectBuilder().add("multiObjective", multiObjective);
        if (!multiObjective) {
            Direction direction = study.directions().get(0);
            JsonArrayBuilder points = JSON.createArrayBuilder();
            JsonArrayBuilder bestSoFar = JSON.createArrayBuilder();
            Double incumbent = null;
            for (Trial trial : complete) {
                double value = trial.values().get(0);
                points.add(JSON.createArrayBuilder().add(trial.number()).add(value));
                if (trial.feasible() && (incumbent == null || direction.better(value, incumbent))) {
                    incumbent = value;
                }
                if (incumbent != null) {
                    bestSoFar.add(JSON.createArrayBuilder().add(trial.number()).add(incumbent));
                }
            }
            json.add("objective", "Objective value (" + lower(direction.name()) + ")")
                    .add("points", points)
                    .add("best", bestSoFar);
        } else {
            JsonArrayBuilder points = JSON.createArrayBuilder();
            JsonArrayBuilder front = JSON.createArrayBuilder();
            java.util.Set<Long> onFront = best.stream().map(StoredTrial::number).collect(Collectors.toSet());
            for (Trial trial : complete) {
                var point = JSON.createArrayBuilder()
                        .add(trial.values().get(0))
                        .add(trial.values().get(1))
                        .add(trial.number());
                (onFront.contains(trial.number()) ? front : points).add(point);
            }
            json.add("x", objectiveName(study, 0))
                    .add("y", objectiveName(study, 1))
                    .add("points", points)
                    .add("front", front);
        }
        return forScript(json.build());
    }

    /**
     * Parallel coordinates: one axis per variable (categoricals as category axes, log variables as log axes)
     * and one for the first objective, one line per complete trial.
     */
    static String parallel(StudyDefinition study, List<Trial> complete) {
        boolean multiObjective = study.directions().size() > 1;
        List<Variable> shown = study.space().variables().stream()
                .filter(v -> !(v instanceof FixedVariable))
                .toList();
        JsonArrayBuilder axes = JSON.createArrayBuilder();
        for (Variable variable : shown) {
            JsonObjectBuilder axis = JSON.createObjectBuilder().add("name", variable.name());
            if (variable instanceof CategoricalVariable categorical) {
                JsonArrayBuilder choices = JSON.createArrayBuilder();
                categorical.choices().forEach(choice -> choices.add(String.valueOf(choice)));
                if (complete.stream().anyMatch(t -> !t.parameters().containsKey(variable.name()))) {
                    choices.add(INACTIVE);
                }
                axis.add("type", "category").add("data", choices);
            } else if ((variable instanceof FloatVariable f && f.log())
                    || (variable instanceof IntVariable i && i.log())) {
                axis.add("type", "log");
            } else {
                axis.add("type", "value");
            }
            axes.add(axis);
        }
        axes.add(JSON.createObjectBuilder()
                .add("name", multiObjective ? objectiveName(study, 0) : "Objective value")
                .add("type", "value"));
        JsonArrayBuilder rows = JSON.createArrayBuilder();
        for (Trial trial : complete) {
            JsonArrayBuilder row = JSON.createArrayBuilder();
            for (Variable variable : shown) {
                Object value = trial.parameters().get(variable.name());
                if (variable instanceof CategoricalVariable) {
                    row.add(
                            value == null && !trial.parameters().containsKey(variable.name())
                                    ? INACTIVE
                                    : String.valueOf(value));
                } else if (value instanceof Number number) {
                    row.add(number.doubleValue());
                } else {
                    row.addNull();
                }
            }
            rows.add(row.add(trial.values().get(0)));
        }
        return forScript(
                JSON.createObjectBuilder().add("axes", axes).add("rows", rows).build());
    }

    /** Parameter importance for the first objective, largest first. */
    static String importance(StudyDefinition study, Map<String, Double> importance) {
        boolean multiObjective = study.directions().size() > 1;
        JsonArrayBuilder names = JSON.createArrayBuilder();
        JsonArrayBuilder values = JSON.createArrayBuilder();
        if (importance != null) {
            importance.forEach((variable, share) -> {
                names.add(variable);
                values.add(share);
            });
        }
        return forScript(JSON.createObjectBuilder()
                .add("objective", multiObjective ? objectiveName(study, 0) : "the objective")
                .add("names", names)
                .add("values", values)
                .build());
    }

    private static String objectiveName(StudyDefinition study, int objective) {
        return "Objective " + objective + " ("
                + lower(study.directions().get(objective).name()) + ")";
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** JSON that is safe inside a script element: no "</script>" can end it early. */
    private static String forScript(JsonObject json) {
        return json.toString().replace("<", "\\u003c");
    }
}
