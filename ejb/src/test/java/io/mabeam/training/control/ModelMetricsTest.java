package io.mabeam.training.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mabeam.training.entity.Metric;
import org.junit.jupiter.api.Test;

class ModelMetricsTest {

    private final double[][] probabilities = {{0.8, 0.1, 0.1}, {0.2, 0.7, 0.1}, {0.1, 0.2, 0.7}, {0.6, 0.3, 0.1}};
    private final int[] truth = {0, 1, 2, 1};

    @Test
    void scoresClassProbabilities() {
        assertThat(ModelMetrics.accuracy(probabilities, truth)).isEqualTo(0.75);
        // class 0: P=1/2 R=1 → 2/3; class 1: P=1 R=1/2 → 2/3; class 2: 1
        assertThat(ModelMetrics.macroF1(probabilities, truth)).isCloseTo((2.0 / 3 + 2.0 / 3 + 1) / 3, within(1e-12));
        double expected = -(Math.log(0.8) + Math.log(0.7) + Math.log(0.7) + Math.log(0.3)) / 4;
        assertThat(ModelMetrics.classification(Metric.LOG_LOSS, probabilities, truth))
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void logLossStaysFiniteForACertainWrongAnswer() {
        assertThat(ModelMetrics.logLoss(new double[][] {{1, 0}}, new int[] {1})).isCloseTo(34.54, within(0.01));
    }

    @Test
    void scoresNumbers() {
        double[] predicted = {1, 2, 3, 6};
        double[] actual = {1, 2, 4, 4};
        assertThat(ModelMetrics.rmse(predicted, actual)).isCloseTo(Math.sqrt(5.0 / 4), within(1e-12));
        assertThat(ModelMetrics.mae(predicted, actual)).isEqualTo(0.75);
        // mean 2.75: total = 3.0625+0.5625+1.5625+1.5625 = 6.75; residual 5
        assertThat(ModelMetrics.r2(predicted, actual)).isCloseTo(1 - 5 / 6.75, within(1e-12));
        assertThat(Metric.RMSE.better(1, 2)).isTrue();
        assertThat(Metric.R2.better(1, 2)).isFalse();
    }
}
