package io.mabeam.models.boundary;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import io.mabeam.models.control.ModelJson;
import io.mabeam.models.entity.ModelRecord;
import io.mabeam.models.entity.Prediction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Models over REST: list (by study), show with lineage and metrics, download as a zip, delete, and predict:
 * {@code POST /models/{id}/predictions} with {@code {"rows": [{"column": value, …}]}} or already-encoded
 * {@code {"inputs": [[…]]}}, optionally {@code "embedding": true}.
 */
@Path("v1/models")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class ModelsResource {

    @EJB
    Models models;

    @GET
    public String list(@QueryParam("study") String study, @QueryParam("limit") @DefaultValue("100") int limit) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (ModelRecord model : models.list(study, limit)) {
            array.add(Json.createObjectBuilder(ModelJson.model(model)).remove("preprocessing"));
        }
        return Json.createObjectBuilder().add("models", array).build().toString();
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") String id) {
        return ModelJson.model(models.get(id)).toString();
    }

    @GET
    @Path("{id}/archive")
    @Produces("application/zip")
    public Response archive(@PathParam("id") String id) {
        return Response.ok(models.archive(id))
                .header("Content-Disposition", "attachment; filename=\"model-" + id + ".zip\"")
                .build();
    }

    /** Rows by column name, as the model's dataset has them, or input vectors; and whether to add embeddings. */
    public static class PredictionRequest {
        /** {@code [{"column": value, …}, …]}: strings, numbers, booleans or null. */
        public JsonArray rows;

        /** {@code [[number, …], …]}: already the model's inputs. */
        public JsonArray inputs;

        /** Whether each prediction carries the last hidden layer's activations too. */
        public Boolean embedding = false;
    }

    @POST
    @Path("{id}/predictions")
    @Consumes(MediaType.APPLICATION_JSON)
    public String predict(@PathParam("id") String id, @NotNull PredictionRequest request) {
        boolean embedding = Boolean.TRUE.equals(request.embedding);
        List<Prediction> predictions;
        if (request.rows != null) {
            predictions = models.predict(id, rows(request.rows), null, embedding);
        } else if (request.inputs != null) {
            predictions = models.predict(id, null, inputs(request.inputs), embedding);
        } else {
            throw DomainException.invalid("give \"rows\": [{\"column\": value, …}] or \"inputs\": [[number, …], …]");
        }
        return ModelJson.predictions(models.get(id), predictions).toString();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response delete(@PathParam("id") String id) {
        models.delete(id);
        return Response.noContent().build();
    }

    private static List<Map<String, Object>> rows(JsonArray rows) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!(rows.get(i) instanceof JsonObject row)) {
                throw DomainException.invalid("row " + i + " is not an object of column → value");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> cell : row.entrySet()) {
                values.put(cell.getKey(), value(i, cell.getKey(), cell.getValue()));
            }
            result.add(values);
        }
        return result;
    }

    private static Object value(int row, String column, JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).doubleValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            default ->
                throw DomainException.invalid("row " + row + ": " + column + " is not a string, number or boolean");
        };
    }

    private static double[][] inputs(JsonArray inputs) {
        double[][] x = new double[inputs.size()][];
        for (int i = 0; i < inputs.size(); i++) {
            if (!(inputs.get(i) instanceof JsonArray row) || !row.stream().allMatch(v -> v instanceof JsonNumber)) {
                throw DomainException.invalid("input " + i + " is not a list of numbers");
            }
            x[i] = row.getValuesAs(JsonNumber.class).stream()
                    .mapToDouble(JsonNumber::doubleValue)
                    .toArray();
        }
        return x;
    }
}
