package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RandomForestRegressorTest {

    static final RandomForestRegressor.Settings SMALL = new RandomForestRegressor.Settings(16, 64, 2, 1, 1.0);

    @Test
    void learnsAStepInOneFeatureAndIgnoresTheOther() {
        Random random = new Random(1);
        double[][] x = new double[100][];
        double[] y = new double[100];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {random.nextDouble(), random.nextDouble()};
            y[i] = x[i][0] > 0.5 ? 3 : 1;
        }
        RandomForestRegressor forest = RandomForestRegressor.fit(x, y, new int[] {0, 0}, SMALL, 7);

        assertThat(forest.trees()).hasSize(16);
        assertThat(forest.predict(new double[] {0.2, 0.9})).isCloseTo(1, within(1e-9));
        assertThat(forest.predict(new double[] {0.8, 0.1})).isCloseTo(3, within(1e-9));
        // a pure step needs a single split per tree: the irrelevant feature is never used
        for (RandomForestRegressor.Tree tree : forest.trees()) {
            assertThat(tree.nodeCount()).isEqualTo(3);
        }
    }

    @Test
    void groupsCategoricalChoicesWhateverTheirOrder() {
        // choices 0 and 2 are alike, 1 and 3 are alike: an ordinal index would need three splits
        double[] effect = {0, 5, 0, 5};
        double[][] x = new double[80][];
        double[] y = new double[80];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {i % 4};
            y[i] = effect[i % 4];
        }
        RandomForestRegressor forest = RandomForestRegressor.fit(x, y, new int[] {4}, SMALL, 3);

        for (RandomForestRegressor.Tree tree : forest.trees()) {
            assertThat(tree.nodeCount()).isEqualTo(3);
        }
        for (int choice = 0; choice < 4; choice++) {
            assertThat(forest.predict(new double[] {choice})).isCloseTo(effect[choice], within(1e-9));
        }
    }

    @Test
    void fullyGrownTreesInterpolateTheirBootstrapSample() {
        Random random = new Random(5);
        double[][] x = new double[60][];
        double[] y = new double[60];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {random.nextDouble(), random.nextInt(3)};
            y[i] = Math.sin(6 * x[i][0]) + x[i][1];
        }
        RandomForestRegressor forest = RandomForestRegressor.fit(x, y, new int[] {0, 3}, SMALL, 11);
        double error = 0;
        for (int i = 0; i < x.length; i++) {
            error += Math.abs(forest.predict(x[i]) - y[i]);
        }
        assertThat(error / x.length).isLessThan(0.25);
    }

    @Property(tries = 30)
    void theSameSeedGrowsTheSameForest(@ForAll long seed, @ForAll @IntRange(min = 2, max = 40) int samples) {
        Random random = new Random(seed);
        double[][] x = new double[samples][];
        double[] y = new double[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = new double[] {random.nextDouble(), random.nextInt(3), random.nextDouble()};
            y[i] = random.nextGaussian();
        }
        int[] kinds = {0, 3, 0};
        RandomForestRegressor first = RandomForestRegressor.fit(x, y, kinds, SMALL, seed);
        RandomForestRegressor second = RandomForestRegressor.fit(x, y, kinds, SMALL, seed);
        for (int probe = 0; probe < 20; probe++) {
            double[] point = {random.nextDouble(), random.nextInt(3), random.nextDouble()};
            assertThat(second.predict(point)).isEqualTo(first.predict(point));
        }
    }

    @Test
    void sortsItemsByKeyStably() {
        int[] items = {0, 1, 2, 3, 4, 5, 6};
        double[] keys = {0.5, 0.1, 0.5, 0.0, 0.9, 0.1, 0.3};
        RandomForestRegressor.sortByKey(items, keys);
        assertThat(items).containsExactly(3, 1, 5, 6, 0, 2, 4);
        assertThat(keys).containsExactly(0.0, 0.1, 0.1, 0.3, 0.5, 0.5, 0.9);
    }

    @Test
    void refusesMismatchedDataAndSettings() {
        assertThatThrownBy(() ->
                        RandomForestRegressor.fit(new double[][] {{0.1}}, new double[] {1, 2}, new int[] {0}, SMALL, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RandomForestRegressor.Settings(1, 4, 2, 1, 0))
                .hasMessageContaining("maxFeatures");
    }
}
