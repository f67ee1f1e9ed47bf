package io.mabeam.console;

import io.mabeam.models.boundary.Models;
import io.mabeam.models.control.ModelJson;
import io.mabeam.models.entity.ModelRecord;
import io.mabeam.models.entity.Prediction;
import jakarta.ejb.EJB;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's Models page: the kept models (of one study, or all) with their lineage and scores; the model
 * selected in full, a form to ask it for predictions (rows as JSON) and its archive to download.
 */
@Named
@ViewScoped
public class ModelsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Models models;

    @Inject
    transient Messages messages;

    private String study;
    private List<ModelRecord> all;
    private ModelRecord selected;
    private String rows = "[{}]";
    private String answer;

    public void load() {
        try {
            all = models.list(study == null || study.isBlank() ? null : study, 200);
        } catch (RuntimeException e) {
            all = List.of();
            messages.problem(e);
        }
    }

    public List<ModelRecord> getAll() {
        if (all == null) {
            load();
        }
        return all;
    }

    public void select(String id) {
        selected = models.get(id);
        answer = null;
        Map<String, Object> example = new LinkedHashMap<>();
        selected.preprocessing()
                .getJsonArray("features")
                .getValuesAs(JsonObject.class)
                .forEach(f -> example.put(f.getString("column"), ""));
        rows = "[" + Json.createObjectBuilder(example).build() + "]";
    }

    public ModelRecord getSelected() {
        return selected;
    }

    public String getSelectedJson() {
        return selected == null ? "" : ModelJson.model(selected).toString();
    }

    public String score(ModelRecord model, String part, String metric) {
        JsonObject scores = model.metrics().getJsonObject(part);
        return scores != null && scores.get(metric) instanceof JsonNumber n ? "%.4f".formatted(n.doubleValue()) : "";
    }

    public void predict() {
        try {
            JsonArray array = Json.createReader(new StringReader(rows)).readArray();
            List<Map<String, Object>> values = new ArrayList<>();
            for (JsonValue row : array) {
                Map<String, Object> cells = new LinkedHashMap<>();
                for (Map.Entry<String, JsonValue> cell : row.asJsonObject().entrySet()) {
                    JsonValue v = cell.getValue();
                    cells.put(
                            cell.getKey(),
                            switch (v.getValueType()) {
                                case NUMBER -> ((JsonNumber) v).doubleValue();
                                case STRING -> ((JsonString) v).getString();
                                case TRUE -> Boolean.TRUE;
                                case FALSE -> Boolean.FALSE;
                                default -> null;
                            });
                }
                values.add(cells);
            }
            List<Prediction> predictions = models.predict(selected.id(), values, null, false);
            answer = ModelJson.predictions(selected, predictions).toString();
        } catch (jakarta.json.JsonException | ClassCastException e) {
            messages.error("Rows are a JSON array of objects: [{\"column\": value, …}]");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    /** Sends the model's archive (model.json and network.zip) as a download. */
    public void download() throws IOException {
        byte[] archive = models.archive(selected.id());
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        external.responseReset();
        external.setResponseContentType("application/zip");
        external.setResponseContentLength(archive.length);
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"model-" + selected.id() + ".zip\"");
        external.getResponseOutputStream().write(archive);
        faces.responseComplete();
    }

    public String getStudy() {
        return study;
    }

    public void setStudy(String study) {
        this.study = study;
    }

    public String getRows() {
        return rows;
    }

    public void setRows(String rows) {
        this.rows = rows;
    }

    public String getAnswer() {
        return answer;
    }
}
