package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The per-tree decomposition on hand-built trees whose answer is known exactly. */
class FunctionalAnovaImportanceTest {

    static final int LEAF = -1;

    /** Two numeric features; x splits at 0.5 first, then y at {@code yCut} on both sides, leaves as given. */
    static RandomForestRegressor.Tree twoByTwo(
            double yCut, double lowLow, double lowHigh, double highLow, double highHigh) {
        // node 0: x <= 0.5 ? 1 : 4; node 1: y <= cut ? 2 : 3; node 4: y <= cut ? 5 : 6
        return new RandomForestRegressor.Tree(
                new int[] {0, 0},
                new int[] {0, 1, LEAF, LEAF, 1, LEAF, LEAF},
                new double[] {0.5, yCut, 0, 0, yCut, 0, 0},
                new boolean[7][],
                new int[] {1, 2, 0, 0, 5, 0, 0},
                new int[] {4, 3, 0, 0, 6, 0, 0},
                new double[] {0, 0, lowLow, lowHigh, 0, highLow, highHigh});
    }

    @Test
    void aTreeOfOneFeatureGivesItAllTheVariance() {
        RandomForestRegressor.Tree tree = new RandomForestRegressor.Tree(
                new int[] {0, 0},
                new int[] {0, LEAF, LEAF},
                new double[] {0.3, 0, 0},
                new boolean[3][],
                new int[] {1, 0, 0},
                new int[] {2, 0, 0},
                new double[] {0, 0, 1});
        assertThat(FunctionalAnova.varianceFractions(tree)).containsExactly(new double[] {1, 0}, within(1e-12));
    }

    @Test
    void anAdditiveTreeSplitsTheVarianceByEachTermsShare() {
        // f = [x > 0.5] + 2 [y > 0.25]: variances 1/4 and 4 · 3/4 · 1/4 = 3/4, no interaction
        RandomForestRegressor.Tree tree = twoByTwo(0.25, 0, 2, 1, 3);
        assertThat(FunctionalAnova.varianceFractions(tree)).containsExactly(new double[] {0.25, 0.75}, within(1e-12));
    }

    @Test
    void aPureInteractionLeavesNothingToEitherFeatureAlone() {
        RandomForestRegressor.Tree xor = twoByTwo(0.5, 0, 1, 1, 0);
        assertThat(FunctionalAnova.varianceFractions(xor)).containsExactly(new double[] {0, 0}, within(1e-12));
    }

    @Test
    void aCategoricalsMarginalHasOneValueAChoiceEachWeightedEqually() {
        // choice 0 predicts 0, choices 1 and 2 predict 3: a third of the mass at 0, two thirds at 3
        RandomForestRegressor.Tree tree = new RandomForestRegressor.Tree(
                new int[] {0, 3},
                new int[] {1, LEAF, LEAF},
                new double[] {Double.NaN, 0, 0},
                new boolean[][] {{true, false, false}, null, null},
                new int[] {1, 0, 0},
                new int[] {2, 0, 0},
                new double[] {0, 0, 3});
        assertThat(FunctionalAnova.varianceFractions(tree)).containsExactly(new double[] {0, 1}, within(1e-12));
    }

    @Test
    void aConstantTreeExplainsNothing() {
        RandomForestRegressor.Tree leaf = new RandomForestRegressor.Tree(
                new int[] {0, 2},
                new int[] {LEAF},
                new double[] {0},
                new boolean[1][],
                new int[] {0},
                new int[] {0},
                new double[] {4});
        assertThat(FunctionalAnova.varianceFractions(leaf)).containsExactly(0, 0);
    }

    @Property(tries = 50)
    void singleFeatureSharesNeverExceedTheWhole(@ForAll long seed) {
        Random random = new Random(seed);
        double[][] x = new double[30][];
        double[] y = new double[30];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {random.nextDouble(), random.nextInt(4), random.nextDouble()};
            y[i] = random.nextGaussian() + x[i][0] * x[i][1];
        }
        RandomForestRegressor forest = RandomForestRegressor.fit(
                x, y, new int[] {0, 4, 0}, new RandomForestRegressor.Settings(4, 64, 2, 1, 1.0), seed);
        for (RandomForestRegressor.Tree tree : forest.trees()) {
            double[] fractions = FunctionalAnova.varianceFractions(tree);
            double sum = 0;
            for (double fraction : fractions) {
                assertThat(fraction).isBetween(0.0, 1.0);
                sum += fraction;
            }
            assertThat(sum).isLessThanOrEqualTo(1 + 1e-9); // main effects plus interactions make the whole
        }
    }
}
