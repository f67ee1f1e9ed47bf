package io.mabeam.training.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.training.entity.Metric;
import io.mabeam.training.entity.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkTrainerTest {

    @Test
    void learnsIrisAndReportsEveryEpoch() {
        TrainingData data = Bundled.prepared("iris", "species", List.of(), 40, 11);
        NetworkSpec spec = NetworkSpec.of(Map.of("layers", 1, "units", 16, "learning_rate", 0.05), 40);
        List<Double> heard = new ArrayList<>();
        NetworkTrainer.Trained trained = NetworkTrainer.train(data, spec, 40, 11, (epoch, score) -> {
            heard.add(score);
            return false;
        });
        assertThat(heard).hasSize(trained.epochs()).isEqualTo(trained.history());
        assertThat(trained.bestScore()).isGreaterThanOrEqualTo(0.9);
        double test = NetworkTrainer.score(trained.network(), data.test(), data.preprocessor(), Metric.ACCURACY);
        assertThat(test).isGreaterThanOrEqualTo(0.85);
        // the network kept is the best epoch's
        double validation =
                NetworkTrainer.score(trained.network(), data.validation(), data.preprocessor(), Metric.ACCURACY);
        assertThat(validation).isEqualTo(trained.bestScore());
    }

    @Test
    void stopsWhenTheListenerPrunes() {
        TrainingData data = Bundled.prepared("iris", "species", List.of(), 40, 11);
        NetworkTrainer.Trained trained =
                NetworkTrainer.train(data, NetworkSpec.of(Map.of(), 40), 40, 11, (epoch, score) -> epoch == 3);
        assertThat(trained.pruned()).isTrue();
        assertThat(trained.epochs()).isEqualTo(3);
    }

    @Test
    void stopsEarlyWhenValidationStopsImproving() {
        TrainingData data = Bundled.prepared("iris", "species", List.of(), 200, 5);
        // a learning rate this small barely moves the accuracy: patience runs out long before 200 epochs
        NetworkSpec spec = NetworkSpec.of(Map.of("learning_rate", 1e-6, "updater", "sgd"), 200);
        NetworkTrainer.Trained trained = NetworkTrainer.train(data, spec, 3, 5, (epoch, score) -> false);
        assertThat(trained.stoppedEarly()).isTrue();
        assertThat(trained.epochs()).isEqualTo(trained.bestEpoch() + 3);
    }

    @Test
    void regressesMilesPerGallonWellBelowTheSpread() {
        TrainingData data = Bundled.prepared("mpg", "mpg", List.of(), 60, 2);
        NetworkSpec spec = NetworkSpec.of(Map.of("layers", 2, "units", 32, "learning_rate", 0.01), 60);
        NetworkTrainer.Trained trained = NetworkTrainer.train(data, spec, 10, 2, (epoch, score) -> false);
        // mpg's standard deviation is ~7.8; a network that learnt something does far better
        assertThat(trained.bestScore()).isLessThan(4.0);
    }

    @Test
    void theSameSeedTrainsTheSameNetwork() {
        TrainingData data = Bundled.prepared("penguins", "species", List.of(), 5, 9);
        NetworkSpec spec = NetworkSpec.of(Map.of("units", 8), 5);
        var a = NetworkTrainer.train(data, spec, 5, 9, (epoch, score) -> false);
        var b = NetworkTrainer.train(data, spec, 5, 9, (epoch, score) -> false);
        assertThat(a.history()).isEqualTo(b.history());
    }
}
