package io.mabeam.training.control;

import io.mabeam.training.entity.Metric;

/**
 * Scores predictions: accuracy, macro-averaged F1 and log-loss for class probabilities; RMSE, MAE and R² for
 * numbers.
 */
public final class ModelMetrics {

    private static final double EPSILON = 1e-15;

    private ModelMetrics() {}

    /** A classification metric of predicted class probabilities against true class indices. */
    public static double classification(Metric metric, double[][] probabilities, int[] truth) {
        return switch (metric) {
            case ACCURACY -> accuracy(probabilities, truth);
            case F1 -> macroF1(probabilities, truth);
            case LOG_LOSS -> logLoss(probabilities, truth);
            default -> throw new IllegalArgumentException(metric.label() + " is not a classification metric");
        };
    }

    /** A regression metric of predictions against the truth. */
    public static double regression(Metric metric, double[] predicted, double[] truth) {
        return switch (metric) {
            case RMSE -> rmse(predicted, truth);
            case MAE -> mae(predicted, truth);
            case R2 -> r2(predicted, truth);
            default -> throw new IllegalArgumentException(metric.label() + " is not a regression metric");
        };
    }

    public static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    public static double accuracy(double[][] probabilities, int[] truth) {
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            if (argmax(probabilities[i]) == truth[i]) {
                right++;
            }
        }
        return truth.length == 0 ? 0 : (double) right / truth.length;
    }

    /** The unweighted mean of each class's F1 over the classes that occur in the truth or the predictions. */
    public static double macroF1(double[][] probabilities, int[] truth) {
        int classes = probabilities.length == 0 ? 0 : probabilities[0].length;
        int[] truePositive = new int[classes];
        int[] predictedCount = new int[classes];
        int[] actualCount = new int[classes];
        for (int i = 0; i < truth.length; i++) {
            int predicted = argmax(probabilities[i]);
            predictedCount[predicted]++;
            actualCount[truth[i]]++;
            if (predicted == truth[i]) {
                truePositive[predicted]++;
            }
        }
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            if (actualCount[c] == 0 && predictedCount[c] == 0) {
                continue;
            }
            counted++;
            sum += 2.0 * truePositive[c] / (predictedCount[c] + actualCount[c]);
        }
        return counted == 0 ? 0 : sum / counted;
    }

    public static double logLoss(double[][] probabilities, int[] truth) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double p = Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[i][truth[i]]));
            sum -= Math.log(p);
        }
        return truth.length == 0 ? 0 : sum / truth.length;
    }

    public static double rmse(double[] predicted, double[] truth) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum += (predicted[i] - truth[i]) * (predicted[i] - truth[i]);
        }
        return truth.length == 0 ? 0 : Math.sqrt(sum / truth.length);
    }

    public static double mae(double[] predicted, double[] truth) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum += Math.abs(predicted[i] - truth[i]);
        }
        return truth.length == 0 ? 0 : sum / truth.length;
    }

    public static double r2(double[] predicted, double[] truth) {
        double mean = java.util.Arrays.stream(truth).average().orElse(0);
        double residual = 0;
        double total = 0;
        for (int i = 0; i < truth.length; i++) {
            residual += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            total += (truth[i] - mean) * (truth[i] - mean);
        }
        return total == 0 ? 0 : 1 - residual / total;
    }
}
