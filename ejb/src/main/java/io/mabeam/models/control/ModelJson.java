package io.mabeam.models.control;

import io.mabeam.models.entity.ModelRecord;
import io.mabeam.models.entity.Prediction;
import io.mabeam.training.control.TrainingSetupJson;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;

/** Models and predictions as the API shows them. */
public final class ModelJson {

    private ModelJson() {}

    public static JsonObject model(ModelRecord model) {
        return Json.createObjectBuilder()
                .add("id", model.id())
                .add("study", model.study())
                .add("trial", model.trial())
                .add(
                        "dataset",
                        Json.createObjectBuilder().add("name", model.dataset()).add("sha256", model.datasetSha256()))
                .add("setup", TrainingSetupJson.json(model.setup()))
                .add("parameters", model.parameters())
                .add("metric", model.metric().label())
                .add("validationScore", model.validationScore())
                .add("metrics", model.metrics())
                .add("preprocessing", model.preprocessing())
                .add("networkBytes", model.networkBytes())
                .add("createdAt", model.createdAt().toString())
                .build();
    }

    public static JsonObject predictions(ModelRecord model, List<Prediction> predictions) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Prediction prediction : predictions) {
            JsonObjectBuilder json = Json.createObjectBuilder();
            if (prediction.label() != null) {
                json.add("label", prediction.label()).add("confidence", prediction.confidence());
                JsonObjectBuilder probabilities = Json.createObjectBuilder();
                for (Map.Entry<String, Double> entry :
                        prediction.probabilities().entrySet()) {
                    probabilities.add(entry.getKey(), entry.getValue());
                }
                json.add("probabilities", probabilities);
            } else {
                json.add("value", prediction.value());
            }
            if (prediction.embedding() != null) {
                JsonArrayBuilder embedding = Json.createArrayBuilder();
                for (double x : prediction.embedding()) {
                    embedding.add(x);
                }
                json.add("embedding", embedding);
            }
            array.add(json);
        }
        return Json.createObjectBuilder()
                .add("model", model.id())
                .add("target", model.setup().target())
                .add("predictions", array)
                .build();
    }
}
