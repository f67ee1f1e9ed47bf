package io.mabeam.training.control;

import io.mabeam.training.entity.Metric;
import io.mabeam.training.entity.NetworkSpec;
import io.mabeam.training.entity.Task;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Trains a Deeplearning4j feed-forward network epoch by epoch: scores the validation set after each epoch,
 * tells the listener (which may stop the run: a pruned trial), keeps the parameters of the best epoch, and
 * stops early after {@code patience} epochs without improvement. The seed fixes the initial weights and the
 * order of the minibatches.
 */
public final class NetworkTrainer {

    /** Hears each epoch's validation score; true stops the training (pruned). */
    @FunctionalInterface
    public interface EpochListener {
        boolean epochEnded(int epoch, double validationScore);
    }

    /** What a training run produced: the network at its best epoch and how the run went. */
    public record Trained(
            MultiLayerNetwork network,
            int bestEpoch,
            double bestScore,
            int epochs,
            boolean stoppedEarly,
            boolean pruned,
            List<Double> history,
            long samples,
            long nanos) {}

    private NetworkTrainer() {}

    public static MultiLayerNetwork build(NetworkSpec spec, int inputs, int outputs, Task task, long seed) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(spec, inputs, outputs, task, seed));
        network.init();
        return network;
    }

    /** The network's Deeplearning4j configuration, built and checked but not allocated. */
    public static org.deeplearning4j.nn.conf.MultiLayerConfiguration configuration(
            NetworkSpec spec, int inputs, int outputs, Task task, long seed) {
        var builder = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater(spec))
                .l2(spec.l2())
                .weightInit(WeightInit.XAVIER)
                .list();
        int in = inputs;
        for (int units : spec.hiddenUnits()) {
            var layer = new DenseLayer.Builder().nIn(in).nOut(units).activation(activation(spec.activation()));
            if (spec.dropout() > 0) {
                layer.dropOut(1 - spec.dropout()); // Deeplearning4j takes the probability of keeping a unit
            }
            builder.layer(layer.build());
            in = units;
        }
        builder.layer(
                task == Task.CLASSIFICATION
                        ? new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                .nIn(in)
                                .nOut(outputs)
                                .activation(Activation.SOFTMAX)
                                .build()
                        : new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                .nIn(in)
                                .nOut(outputs)
                                .activation(Activation.IDENTITY)
                                .build());
        return builder.build();
    }

    public static Trained train(TrainingData data, NetworkSpec spec, int patience, long seed, EpochListener listener) {
        Preprocessor pre = data.preprocessor();
        MultiLayerNetwork network = build(spec, pre.width(), pre.outputs(), pre.task(), seed);
        DataSet train = dataSet(data.train(), pre);
        INDArray validation = matrix(data.validation().x());
        Metric metric = data.setup().metric();
        List<Double> history = new ArrayList<>();
        INDArray best = null;
        double bestScore = Double.NaN;
        int bestEpoch = 0;
        boolean pruned = false;
        boolean stoppedEarly = false;
        long samples = 0;
        long started = System.nanoTime();
        int epoch = 0;
        while (epoch < spec.epochs()) {
            epoch++;
            train.shuffle(seed + epoch);
            for (DataSet batch : train.batchBy(spec.batchSize())) {
                network.fit(batch);
            }
            samples += train.numExamples();
            double score = score(network, validation, data.validation(), pre, metric);
            history.add(score);
            if (best == null || metric.better(score, bestScore) || Double.isNaN(bestScore)) {
                best = network.params().dup();
                bestScore = score;
                bestEpoch = epoch;
            }
            if (listener.epochEnded(epoch, score)) {
                pruned = true;
                break;
            }
            if (epoch - bestEpoch >= patience) {
                stoppedEarly = epoch < spec.epochs();
                break;
            }
        }
        network.setParams(best);
        return new Trained(
                network,
                bestEpoch,
                bestScore,
                epoch,
                stoppedEarly,
                pruned,
                history,
                samples,
                System.nanoTime() - started);
    }

    /** Every metric of the task for the network's predictions on a part of the data, by label. */
    public static java.util.Map<String, Double> scores(
            MultiLayerNetwork network, TrainingData.Part part, Preprocessor pre) {
        java.util.Map<String, Double> scores = new java.util.LinkedHashMap<>();
        if (part.size() == 0) {
            return scores;
        }
        INDArray x = matrix(part.x());
        for (Metric metric : Metric.values()) {
            if (metric.task() == pre.task()) {
                scores.put(metric.label(), score(network, x, part, pre, metric));
            }
        }
        return scores;
    }

    /** The metric of the network's predictions for a part of the data. */
    public static double score(MultiLayerNetwork network, TrainingData.Part part, Preprocessor pre, Metric metric) {
        return score(network, matrix(part.x()), part, pre, metric);
    }

    private static double score(
            MultiLayerNetwork network, INDArray x, TrainingData.Part part, Preprocessor pre, Metric metric) {
        double[][] output = network.output(x, false).toDoubleMatrix();
        if (pre.task() == Task.CLASSIFICATION) {
            return ModelMetrics.classification(metric, output, part.classes());
        }
        double[] predicted = new double[output.length];
        double[] truth = new double[output.length];
        for (int i = 0; i < output.length; i++) {
            predicted[i] = pre.unscale(output[i][0]);
            truth[i] = pre.unscale(part.y()[i]);
        }
        return ModelMetrics.regression(metric, predicted, truth);
    }

    static DataSet dataSet(TrainingData.Part part, Preprocessor pre) {
        INDArray labels;
        if (pre.task() == Task.CLASSIFICATION) {
            float[][] oneHot = new float[part.size()][pre.outputs()];
            for (int i = 0; i < part.size(); i++) {
                oneHot[i][(int) part.y()[i]] = 1;
            }
            labels = Nd4j.create(oneHot);
        } else {
            float[][] column = new float[part.size()][1];
            for (int i = 0; i < part.size(); i++) {
                column[i][0] = (float) part.y()[i];
            }
            labels = Nd4j.create(column);
        }
        return new DataSet(matrix(part.x()), labels);
    }

    public static INDArray matrix(double[][] rows) {
        float[][] values = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            values[i] = new float[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                values[i][j] = (float) rows[i][j];
            }
        }
        return Nd4j.create(values);
    }

    private static IUpdater updater(NetworkSpec spec) {
        double lr = spec.learningRate();
        return switch (spec.updater()) {
            case "sgd" -> new Sgd(lr);
            case "nesterovs" -> new Nesterovs(lr, 0.9);
            case "rmsprop" -> new RmsProp(lr);
            case "adamax" -> new AdaMax(lr);
            case "nadam" -> new Nadam(lr);
            default -> new Adam(lr);
        };
    }

    private static Activation activation(String name) {
        return switch (name) {
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            case "elu" -> Activation.ELU;
            case "leakyrelu" -> Activation.LEAKYRELU;
            case "selu" -> Activation.SELU;
            case "swish" -> Activation.SWISH;
            default -> Activation.RELU;
        };
    }
}
