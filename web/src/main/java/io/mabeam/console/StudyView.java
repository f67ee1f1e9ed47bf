package io.mabeam.console;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.improvement.boundary.Improvements;
import io.mabeam.improvement.entity.CoderSettings;
import io.mabeam.improvement.entity.Improvement;
import io.mabeam.optimization.boundary.Studies;
import io.mabeam.optimization.boundary.TrialLogs;
import io.mabeam.optimization.control.TrialJson;
import io.mabeam.optimization.entity.StoredTrial;
import io.mabeam.optimization.entity.StudyDefinition;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.variables.control.SearchSpaceJson;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.Serializable;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The console's page for one study ({@code study.xhtml?name=…}), in the spirit of Optuna Dashboard: its
 * definition, trial counts and best trial (or Pareto front), the optimization history, parallel coordinates
 * and parameter importance as ECharts charts, and the trials. The charts' data is written into the page as
 * JSON by this bean, so the browser never calls the REST API; {@code resources/studies.js} draws them.
 */
@Named
@ViewScoped
public class StudyView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final JsonProvider JSON = JsonProvider.provider();

    @EJB
    transient Improvements improvements;

    @EJB
    transient TrialLogs trialLogs;

    @EJB
    transient Studies studies;

    @Inject
    transient Messages messages;

    private String name;
    private long logTrial = -1;
    private java.util.List<Improvement> improvementList;
    private String logText = "";
    private StudyDefinition study;
    private List<StoredTrial> trials;
    private List<StoredTrial> best;
    private Map<String, Double> importance;
    private String importanceNote;

    /** Reads the study named by the {@code name} request parameter; an unknown one leaves the page empty. */
    public void load() {
        study = null;
        if (name == null || name.isBlank()) {
            messages.error("Which study? The page needs ?name=…");
            return;
        }
        try {
            study = studies.study(name);
            trials = studies.trials(name);
            best = studies.best(name);
            loadImportance();
        } catch (RuntimeException e) {
            study = null;
            messages.problem(e);
        }
    }

    private void loadImportance() {
        importance = null;
        importanceNote = null;
        long complete =
                trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count();
        if (complete < 2) {
            importanceNote = "Parameter importance needs at least two complete trials.";
            return;
        }
        try {
            importance = studies.importance(name, 0);
        } catch (DomainException problem) {
            if (problem.reason() != DomainException.Reason.CONFLICT) {
                throw problem;
            }
            importanceNote = problem.detail(); // too few complete trials, or all alike
        } catch (RuntimeException e) {
            importanceNote = "Parameter importance could not be computed.";
            messages.problem(e);
        }
    }

    /** Sets the live variables and settings the study binds to the best trial's values. */
    public java.util.List<Improvement> getImprovements() {
        if (improvementList == null && name != null) {
            improvementList = improvements.list(name, null, 50);
        }
        return improvementList == null ? java.util.List.of() : improvementList;
    }

    public String edits(Improvement improvement) {
        return improvement.change().getJsonArray("edits").getValuesAs(jakarta.json.JsonObject.class).stream()
                .map(e -> e.getString("action") + " " + e.getString("variable") + " → " + e.getString("after"))
                .collect(Collectors.joining("; "));
    }

    /** Proposes a change of this study's search space (the coder's rules or model) and puts it to the reviewers. */
    public void proposeChange() {
        try {
            jakarta.json.JsonObject result = improvements.propose(
                    "console",
                    CoderSettings.of(jakarta.json.Json.createObjectBuilder()
                            .add("study", name)
                            .build()));
            if (result.getBoolean("proposed")) {
                messages.info("Proposed change " + result.getInt("sequence") + " (" + result.getString("source")
                        + "); the reviewers are voting");
            } else {
                messages.info("Nothing to propose: " + result.getString("reason"));
            }
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        improvementList = null;
    }

    public void applyBest() {
        try {
            Map<String, Object> applied = studies.applyBest(name);
            messages.info("Applied "
                    + applied.entrySet().stream()
                            .map(e -> e.getKey() + " = " + e.getValue())
                            .collect(Collectors.joining(", ")));
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public boolean isMultiObjective() {
        return study != null && study.directions().size() > 1;
    }

    public String getDirections() {
        return StudiesView.directionsOf(study);
    }

    public String getSamplerName() {
        return StudiesView.samplerNameOf(study);
    }

    public String getSamplerJson() {
        return TrialJson.object(study.sampler()).toString();
    }

    public String getPrunerJson() {
        return TrialJson.object(study.pruner()).toString();
    }

    public String getSearchSpaceJson() {
        StringWriter text = new StringWriter();
        try (var writer = JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createWriter(text)) {
            writer.writeObject(SearchSpaceJson.json(study.space()));
        }
        return text.toString().trim();
    }

    public String getBindings() {
        return study.bindings().entrySet().stream()
                .map(e -> e.getKey() + " → " + e.getValue().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    public long count(String state) {
        TrialState wanted = TrialState.valueOf(state);
        return trials.stream().filter(t -> t.state() == wanted).count();
    }

    public List<String> getStates() {
        return Arrays.stream(TrialState.values()).map(Enum::name).toList();
    }

    public String lowerCase(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    public String values(StoredTrial trial) {
        return trial.trial().values().stream().map(StudiesView::number).collect(Collectors.joining(", "));
    }

    public String parameters(StoredTrial trial) {
        return trial.trial().parameters().entrySet().stream()
                .map(e -> e.getKey() + " = " + parameter(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    public String duration(StoredTrial trial) {
        if (trial.startedAt() == null || trial.finishedAt() == null) {
            return "";
        }
        Duration taken = Duration.between(trial.startedAt(), trial.finishedAt());
        if (taken.toMillis() < 1000) {
            return taken.toMillis() + " ms";
        }
        if (taken.toSeconds() < 120) {
            return String.format(Locale.ROOT, "%.1f s", taken.toMillis() / 1000.0);
        }
        return taken.toMinutes() + " min " + taken.toSecondsPart() + " s";
    }

    private static String parameter(Object value) {
        return value instanceof Double number ? StudiesView.number(number) : String.valueOf(value);
    }

    public String getHistoryJson() {
        return StudyCharts.history(study, completeTrials(), best);
    }

    public String getParallelJson() {
        return StudyCharts.parallel(study, completeTrials());
    }

    public String getImportanceJson() {
        return StudyCharts.importance(study, importance);
    }

    private List<Trial> completeTrials() {
        return trials.stream()
                .map(StoredTrial::trial)
                .filter(t -> t.state() == TrialState.COMPLETE
                        && t.values().size() == study.directions().size())
                .toList();
    }

    public boolean isImportanceAvailable() {
        return importance != null && !importance.isEmpty();
    }

    public String getImportanceNote() {
        return importanceNote;
    }

    public StudyDefinition getStudy() {
        return study;
    }

    public List<StoredTrial> getTrials() {
        return trials;
    }

    public List<StoredTrial> getBest() {
        return best;
    }

    /** Shows what trial {@code number}'s evaluations wrote. */
    public void showLog(long number) {
        logTrial = number;
        try {
            String text = trialLogs.read(name, number);
            logText = text.isEmpty() ? "(trial " + number + " wrote nothing)" : text;
        } catch (RuntimeException e) {
            logText = "";
            messages.problem(e);
        }
    }

    public long getLogTrial() {
        return logTrial;
    }

    public String getLogText() {
        return logText;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
