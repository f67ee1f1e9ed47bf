package io.mabeam.datasets.control;

import io.mabeam.datasets.entity.ColumnSchema;
import io.mabeam.datasets.entity.ColumnType;
import io.mabeam.datasets.entity.Dataset;
import io.mabeam.datasets.entity.DatasetSchema;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Datasets and schemas as JSON: how they are stored and how the API shows them. */
public final class DatasetJson {

    private DatasetJson() {}

    public static JsonObject schema(DatasetSchema schema) {
        JsonArrayBuilder columns = Json.createArrayBuilder();
        for (ColumnSchema column : schema.columns()) {
            JsonObjectBuilder json = Json.createObjectBuilder()
                    .add("name", column.name())
                    .add("type", column.type().name().toLowerCase(Locale.ROOT))
                    .add("missing", column.missing())
                    .add("distinct", column.distinct());
            if (!column.categories().isEmpty()) {
                json.add("categories", Json.createArrayBuilder(column.categories()));
            }
            if (column.min() != null) {
                json.add("min", column.min()).add("max", column.max()).add("mean", column.mean());
            }
            columns.add(json);
        }
        return Json.createObjectBuilder()
                .add("rows", schema.rows())
                .add("columns", columns)
                .build();
    }

    public static DatasetSchema schema(JsonObject json) {
        List<ColumnSchema> columns = new ArrayList<>();
        for (JsonValue value : json.getJsonArray("columns")) {
            JsonObject column = value.asJsonObject();
            columns.add(new ColumnSchema(
                    column.getString("name"),
                    ColumnType.valueOf(column.getString("type").toUpperCase(Locale.ROOT)),
                    column.getInt("missing"),
                    column.getInt("distinct"),
                    column.containsKey("categories")
                            ? column.getJsonArray("categories").getValuesAs(JsonString::getString)
                            : List.of(),
                    number(column, "min"),
                    number(column, "max"),
                    number(column, "mean")));
        }
        return new DatasetSchema(columns, json.getInt("rows"));
    }

    private static Double number(JsonObject json, String name) {
        return json.get(name) instanceof JsonNumber number ? number.doubleValue() : null;
    }

    public static JsonObject dataset(Dataset dataset) {
        return Json.createObjectBuilder()
                .add("name", dataset.name())
                .add("sha256", dataset.sha256())
                .add("bytes", dataset.bytes())
                .add("rows", dataset.schema().rows())
                .add("bundled", dataset.bundled())
                .add("createdBy", dataset.createdBy())
                .add("createdAt", dataset.createdAt().toString())
                .add("schema", schema(dataset.schema()))
                .build();
    }
}
