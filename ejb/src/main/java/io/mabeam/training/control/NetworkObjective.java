package io.mabeam.training.control;

import io.mabeam.training.entity.NetworkSpec;
import io.mabeam.training.entity.TrainingSetup;
import java.util.Map;
import java.util.function.Function;

/**
 * The objective {@value #NAME}: trains the network a trial's parameters describe on its study's training
 * setup, reports the validation score after every epoch (so the study's pruner can stop it), and scores the
 * trial by its best epoch. The trained network goes to the {@link ModelSink}, which keeps the study's best.
 * Each trial has a seed of its own, derived from the setup's seed and the trial number, so a trial run again
 * trains the same network.
 */
public final class NetworkObjective implements Objective {

    public static final String NAME = "network";

    /** Where trained networks go (the model registry keeps a study's best). */
    @FunctionalInterface
    public interface ModelSink {
        void trained(
                String study,
                long trial,
                Map<String, Object> parameters,
                TrainingData data,
                NetworkTrainer.Trained trained);
    }

    private final Function<String, TrainingData> dataOfStudy;
    private final ModelSink models;

    /** @param dataOfStudy a study's prepared data (throws when the study has no training setup) */
    public NetworkObjective(Function<String, TrainingData> dataOfStudy, ModelSink models) {
        this.dataOfStudy = dataOfStudy;
        this.models = models;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double[] evaluate(Map<String, Object> parameters, Progress progress) {
        throw new IllegalArgumentException("the network objective trains on a study's data: evaluate a trial");
    }

    @Override
    public double[] evaluate(Evaluation evaluation) throws Pruned {
        TrainingData data = dataOfStudy.apply(evaluation.study());
        TrainingSetup setup = data.setup();
        NetworkSpec spec = NetworkSpec.of(evaluation.parameters(), setup.maxEpochs());
        long seed = setup.seed() * 31 + evaluation.trial();
        NetworkTrainer.Trained trained = NetworkTrainer.train(
                data,
                spec,
                setup.patience(),
                seed,
                (epoch, score) -> evaluation.progress().report(epoch, score));
        if (!Double.isFinite(trained.bestScore())) {
            throw new IllegalStateException(
                    "the network diverged (its validation score is " + trained.bestScore() + ")");
        }
        if (trained.pruned()) {
            throw new Pruned(trained.epochs());
        }
        models.trained(evaluation.study(), evaluation.trial(), evaluation.parameters(), data, trained);
        return new double[] {trained.bestScore()};
    }
}
