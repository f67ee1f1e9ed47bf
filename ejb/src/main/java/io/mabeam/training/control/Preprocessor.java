package io.mabeam.training.control;

import io.mabeam.datasets.control.CsvReader;
import io.mabeam.datasets.entity.ColumnSchema;
import io.mabeam.datasets.entity.ColumnType;
import io.mabeam.datasets.entity.DatasetSchema;
import io.mabeam.datasets.entity.Table;
import io.mabeam.training.entity.Task;
import io.mabeam.training.entity.TrainingSetup;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns table rows into a network's numbers, with everything learnt from the training rows only: numeric
 * columns get missing values replaced by the median and are standardised; boolean ones become 0/1 with the
 * most frequent value for missing; categorical ones are one-hot encoded over the training categories (an
 * unseen category is all zeros) with the most frequent for missing. The target becomes a class index
 * (classification, classes sorted) or a standardised number (regression). Kept with a model as JSON, so
 * inference encodes rows exactly as training did.
 */
public final class Preprocessor {

    /** How one column becomes numbers. */
    public sealed interface Encoding permits Numeric, Flag, OneHot {
        String column();

        int width();

        /** Writes the value's numbers at {@code offset}; null is a missing value. */
        void encode(String value, double[] into, int offset);
    }

    public record Numeric(String column, double median, double mean, double scale) implements Encoding {
        public int width() {
            return 1;
        }

        public void encode(String value, double[] into, int offset) {
            double x = value == null ? median : number(column, value);
            into[offset] = (x - mean) / scale;
        }
    }

    public record Flag(String column, boolean mode) implements Encoding {
        public int width() {
            return 1;
        }

        public void encode(String value, double[] into, int offset) {
            boolean on = value == null ? mode : flag(column, value);
            into[offset] = on ? 1 : 0;
        }
    }

    public record OneHot(String column, List<String> categories, String mode) implements Encoding {
        public OneHot {
            categories = List.copyOf(categories);
        }

        public int width() {
            return categories.size();
        }

        public void encode(String value, double[] into, int offset) {
            int index = categories.indexOf(value == null ? mode : value);
            Arrays.fill(into, offset, offset + categories.size(), 0);
            if (index >= 0) {
                into[offset + index] = 1;
            }
        }
    }

    private final Task task;
    private final String target;
    private final List<Encoding> encodings;
    private final List<String> classes;
    private final double targetMean;
    private final double targetScale;
    private final int width;

    Preprocessor(
            Task task,
            String target,
            List<Encoding> encodings,
            List<String> classes,
            double targetMean,
            double targetScale) {
        this.task = task;
        this.target = target;
        this.encodings = List.copyOf(encodings);
        this.classes = List.copyOf(classes);
        this.targetMean = targetMean;
        this.targetScale = targetScale;
        this.width = this.encodings.stream().mapToInt(Encoding::width).sum();
    }

    /** Learns the encodings from the training rows of a resolved setup. */
    public static Preprocessor fit(Table table, DatasetSchema schema, TrainingSetup setup, int[] trainRows) {
        List<Encoding> encodings = new ArrayList<>();
        for (String feature : setup.features()) {
            ColumnSchema column = schema.require(feature);
            int c = table.column(feature);
            List<String> values = new ArrayList<>();
            for (int row : trainRows) {
                String value = table.cell(row, c);
                if (value != null) {
                    values.add(value);
                }
            }
            encodings.add(encoding(column, values));
        }
        int t = table.column(setup.target());
        if (setup.task() == Task.CLASSIFICATION) {
            List<String> classes = new ArrayList<>(new java.util.TreeSet<>(labelsOf(table, t)));
            return new Preprocessor(setup.task(), setup.target(), encodings, classes, 0, 1);
        }
        double[] y = new double[trainRows.length];
        for (int i = 0; i < trainRows.length; i++) {
            y[i] = number(setup.target(), table.cell(trainRows[i], t));
        }
        double mean = Arrays.stream(y).average().orElse(0);
        return new Preprocessor(setup.task(), setup.target(), encodings, List.of(), mean, scale(y, mean));
    }

    private static List<String> labelsOf(Table table, int column) {
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            if (table.cell(r, column) != null) {
                labels.add(table.cell(r, column));
            }
        }
        return labels;
    }

    private static Encoding encoding(ColumnSchema column, List<String> values) {
        if (column.type() == ColumnType.NUMERIC) {
            double[] x = values.stream()
                    .mapToDouble(v -> number(column.name(), v))
                    .sorted()
                    .toArray();
            if (x.length == 0) {
                return new Numeric(column.name(), 0, 0, 1);
            }
            double median = x.length % 2 == 1 ? x[x.length / 2] : (x[x.length / 2 - 1] + x[x.length / 2]) / 2;
            double mean = Arrays.stream(x).average().orElse(0);
            return new Numeric(column.name(), median, mean, scale(x, mean));
        }
        Map<String, Integer> counts = new TreeMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        String mode = counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(null);
        if (column.type() == ColumnType.BOOLEAN) {
            return new Flag(column.name(), mode != null && flag(column.name(), mode));
        }
        return new OneHot(column.name(), List.copyOf(counts.keySet()), mode);
    }

    private static double scale(double[] x, double mean) {
        double squares = 0;
        for (double v : x) {
            squares += (v - mean) * (v - mean);
        }
        double sd = x.length > 1 ? Math.sqrt(squares / (x.length - 1)) : 0;
        return sd > 1e-12 ? sd : 1;
    }

    static double number(String column, String value) {
        if (!CsvReader.isNumber(value.strip())) {
            throw new IllegalArgumentException(column + " is numeric; '" + abbreviated(value) + "' is not a number");
        }
        return Double.parseDouble(value.strip());
    }

    static boolean flag(String column, String value) {
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1":
                return true;
            case "false", "no", "0":
                return false;
            default:
                throw new IllegalArgumentException(
                        column + " is true or false; '" + abbreviated(value) + "' is neither");
        }
    }

    private static String abbreviated(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    public Task task() {
        return task;
    }

    public String target() {
        return target;
    }

    public List<Encoding> encodings() {
        return encodings;
    }

    /** The classes in output order (classification). */
    public List<String> classes() {
        return classes;
    }

    /** How many numbers a row becomes. */
    public int width() {
        return width;
    }

    /** How many outputs the network has. */
    public int outputs() {
        return task == Task.CLASSIFICATION ? classes.size() : 1;
    }

    public List<String> features() {
        return encodings.stream().map(Encoding::column).toList();
    }

    /** A row's numbers; {@code valueOf} gives a feature's value (null when missing). */
    public double[] encode(java.util.function.Function<String, String> valueOf) {
        double[] x = new double[width];
        int offset = 0;
        for (Encoding encoding : encodings) {
            encoding.encode(valueOf.apply(encoding.column()), x, offset);
            offset += encoding.width();
        }
        return x;
    }

    /** The rows' feature matrix. */
    public double[][] features(Table table, int[] rows) {
        Map<String, Integer> index = new HashMap<>();
        for (Encoding encoding : encodings) {
            index.put(encoding.column(), table.column(encoding.column()));
        }
        double[][] x = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            x[i] = encode(column -> table.cell(row, index.get(column)));
        }
        return x;
    }

    /** The class index of a label, -1 when unknown. */
    public int classIndex(String label) {
        return classes.indexOf(label);
    }

    /** The rows' targets: class indices (classification) or standardised numbers (regression). */
    public double[] targets(Table table, int[] rows) {
        int t = table.column(target);
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            String value = table.cell(rows[i], t);
            y[i] = task == Task.CLASSIFICATION ? classIndex(value) : (number(target, value) - targetMean) / targetScale;
        }
        return y;
    }

    /** A regression output back in the target's units. */
    public double unscale(double output) {
        return output * targetScale + targetMean;
    }

    public JsonObject toJson() {
        JsonArrayBuilder columns = Json.createArrayBuilder();
        for (Encoding encoding : encodings) {
            var column = Json.createObjectBuilder().add("column", encoding.column());
            if (encoding instanceof Numeric numeric) {
                column.add("encoding", "numeric")
                        .add("median", numeric.median())
                        .add("mean", numeric.mean())
                        .add("scale", numeric.scale());
            } else if (encoding instanceof Flag flag) {
                column.add("encoding", "flag").add("mode", flag.mode());
            } else if (encoding instanceof OneHot oneHot) {
                column.add("encoding", "one-hot").add("categories", Json.createArrayBuilder(oneHot.categories()));
                if (oneHot.mode() != null) {
                    column.add("mode", oneHot.mode());
                }
            }
            columns.add(column);
        }
        return Json.createObjectBuilder()
                .add("task", task.name().toLowerCase(Locale.ROOT))
                .add("target", target)
                .add("features", columns)
                .add("classes", Json.createArrayBuilder(classes))
                .add("targetMean", targetMean)
                .add("targetScale", targetScale)
                .build();
    }

    public static Preprocessor fromJson(JsonObject json) {
        List<Encoding> encodings = new ArrayList<>();
        for (JsonValue value : json.getJsonArray("features")) {
            JsonObject column = value.asJsonObject();
            String name = column.getString("column");
            switch (column.getString("encoding")) {
                case "numeric" ->
                    encodings.add(new Numeric(
                            name,
                            column.getJsonNumber("median").doubleValue(),
                            column.getJsonNumber("mean").doubleValue(),
                            column.getJsonNumber("scale").doubleValue()));
                case "flag" -> encodings.add(new Flag(name, column.getBoolean("mode")));
                case "one-hot" ->
                    encodings.add(new OneHot(
                            name,
                            column.getJsonArray("categories").getValuesAs(JsonString::getString),
                            column.getString("mode", null)));
                default -> throw new IllegalArgumentException("unknown encoding " + column.getString("encoding"));
            }
        }
        return new Preprocessor(
                Task.valueOf(json.getString("task").toUpperCase(Locale.ROOT)),
                json.getString("target"),
                encodings,
                json.getJsonArray("classes").getValuesAs(JsonString::getString),
                json.getJsonNumber("targetMean").doubleValue(),
                json.getJsonNumber("targetScale").doubleValue());
    }
}
