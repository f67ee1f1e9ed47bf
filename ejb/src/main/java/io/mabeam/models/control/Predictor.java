package io.mabeam.models.control;

import io.mabeam.models.entity.Prediction;
import io.mabeam.training.control.NetworkTrainer;
import io.mabeam.training.control.Preprocessor;
import io.mabeam.training.entity.Task;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Answers inference requests with a kept network: rows by column name (missing columns are imputed as in
 * training; unknown ones are refused, the target is ignored) or rows already encoded. A network is not safe
 * for concurrent use, so calls take turns.
 */
public final class Predictor {

    public static final int MAX_ROWS = 10_000;

    private final MultiLayerNetwork network;
    private final Preprocessor preprocessor;
    private final Set<String> columns;

    public Predictor(MultiLayerNetwork network, Preprocessor preprocessor) {
        this.network = network;
        this.preprocessor = preprocessor;
        this.columns = new HashSet<>(preprocessor.features());
    }

    public Preprocessor preprocessor() {
        return preprocessor;
    }

    /**
     * @param rows column → value (a JSON string, number, boolean or null)
     * @throws IllegalArgumentException for unknown columns or values of the wrong kind, naming the row
     */
    public List<Prediction> predictRows(List<Map<String, Object>> rows, boolean embedding) {
        checkCount(rows.size());
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            for (String column : row.keySet()) {
                if (!columns.contains(column) && !column.equals(preprocessor.target())) {
                    throw new IllegalArgumentException("row " + i + ": unknown column " + column + " (the model reads "
                            + String.join(", ", preprocessor.features()) + ")");
                }
            }
            try {
                x[i] = preprocessor.encode(column -> text(row.get(column)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("row " + i + ": " + e.getMessage());
            }
        }
        return predict(x, embedding);
    }

    /** Rows already encoded, each {@link Preprocessor#width()} numbers. */
    public List<Prediction> predictEncoded(double[][] x, boolean embedding) {
        checkCount(x.length);
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != preprocessor.width()) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + x[i].length + " numbers; the model takes " + preprocessor.width());
            }
        }
        return predict(x, embedding);
    }

    private static void checkCount(int rows) {
        if (rows < 1 || rows > MAX_ROWS) {
            throw new IllegalArgumentException("an inference request has 1 to " + MAX_ROWS + " rows");
        }
    }

    private synchronized List<Prediction> predict(double[][] x, boolean embedding) {
        INDArray input = NetworkTrainer.matrix(x);
        double[][] output = network.output(input, false).toDoubleMatrix();
        double[][] embeddings = embedding ? embeddings(input, x) : null;
        List<Prediction> predictions = new ArrayList<>(x.length);
        for (int i = 0; i < x.length; i++) {
            double[] e = embeddings == null ? null : embeddings[i];
            if (preprocessor.task() == Task.CLASSIFICATION) {
                Map<String, Double> probabilities = new LinkedHashMap<>();
                int best = 0;
                for (int c = 0; c < output[i].length; c++) {
                    probabilities.put(preprocessor.classes().get(c), output[i][c]);
                    if (output[i][c] > output[i][best]) {
                        best = c;
                    }
                }
                predictions.add(
                        new Prediction(preprocessor.classes().get(best), output[i][best], probabilities, null, e));
            } else {
                predictions.add(new Prediction(null, null, null, preprocessor.unscale(output[i][0]), e));
            }
        }
        return predictions;
    }

    /** The last hidden layer's activations (the encoded input for a network without hidden layers). */
    private double[][] embeddings(INDArray input, double[][] x) {
        int hidden = network.getnLayers() - 1;
        if (hidden == 0) {
            return x;
        }
        List<INDArray> activations = network.feedForwardToLayer(hidden - 1, input, false);
        return activations.get(activations.size() - 1).toDoubleMatrix();
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String string) {
            return string.isBlank() ? null : string;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException("values are strings, numbers, booleans or null");
    }
}
