package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ParetoTest {

    static final SearchSpace SPACE = SearchSpace.of(FloatVariable.uniform("x", 0, 1));
    static final List<Direction> MIN_MIN = List.of(Direction.MINIMIZE, Direction.MINIMIZE);

    @Test
    void dominanceNeedsNoWorseEverywhereAndBetterSomewhere() {
        assertThat(Pareto.dominates(new double[] {1, 2}, new double[] {1, 3})).isTrue();
        assertThat(Pareto.dominates(new double[] {1, 2}, new double[] {1, 2})).isFalse();
        assertThat(Pareto.dominates(new double[] {1, 3}, new double[] {2, 2})).isFalse();
        assertThat(Pareto.dominates(new double[] {2, 2}, new double[] {1, 3})).isFalse();
    }

    @Test
    void nonDominatedSortingFindsTheFrontsInOrder() {
        double[][] points = {{1, 5}, {2, 2}, {5, 1}, {3, 3}, {6, 6}, {2, 4}, {4, 4}};
        List<List<Integer>> fronts = Pareto.nonDominatedFronts(points);
        assertThat(fronts).containsExactly(List.of(0, 1, 2), List.of(3, 5), List.of(6), List.of(4));
    }

    @Test
    void theFrontHonoursEachObjectivesDirectionAndSkipsInfeasibleAndUnfinishedTrials() {
        List<Direction> minMax = List.of(Direction.MINIMIZE, Direction.MAXIMIZE);
        List<Trial> trials = List.of(
                Trial.complete(0, Map.of("x", 0.1), 1, 5), // best in both
                Trial.complete(1, Map.of("x", 0.2), 1, 1), // dominated by 0 when maximising the second
                Trial.complete(2, Map.of("x", 0.3), 0, 2), // better first, worse second: on the front
                Trial.complete(3, Map.of("x", 0.4), -1, 9).withConstraints(List.of(0.5)), // infeasible
                Trial.running(4, Map.of("x", 0.5)));
        StudyHistory history = new StudyHistory(SPACE, minMax, trials);
        assertThat(Pareto.front(history)).extracting(Trial::number).containsExactly(0L, 2L);
        StudyHistory minimising = new StudyHistory(SPACE, MIN_MIN, trials);
        assertThat(Pareto.front(minimising)).extracting(Trial::number).containsExactly(1L, 2L);
    }

    @Test
    void constrainedDominationPutsFeasibleFirstThenLeastViolation() {
        Trial feasibleButPoor = Trial.complete(0, Map.of("x", 0.1), 9, 9).withConstraints(List.of(-1.0));
        Trial slightlyInfeasible = Trial.complete(1, Map.of("x", 0.2), 0, 0).withConstraints(List.of(0.1, -3.0));
        Trial veryInfeasible = Trial.complete(2, Map.of("x", 0.3), 0, 0).withConstraints(List.of(0.5, 0.5));
        Trial alsoVeryInfeasible = Trial.complete(3, Map.of("x", 0.4), 1, 1).withConstraints(List.of(1.0));
        assertThat(Pareto.constrainedDominates(feasibleButPoor, slightlyInfeasible, MIN_MIN))
                .isTrue();
        assertThat(Pareto.constrainedDominates(slightlyInfeasible, feasibleButPoor, MIN_MIN))
                .isFalse();
        assertThat(Pareto.constrainedDominates(slightlyInfeasible, veryInfeasible, MIN_MIN))
                .isTrue();
        assertThat(Pareto.constrainedDominates(veryInfeasible, alsoVeryInfeasible, MIN_MIN))
                .isFalse();

        List<List<Trial>> ranked =
                Pareto.rank(List.of(alsoVeryInfeasible, veryInfeasible, slightlyInfeasible, feasibleButPoor), MIN_MIN);
        assertThat(ranked).hasSize(3);
        assertThat(ranked.get(0)).containsExactly(feasibleButPoor);
        assertThat(ranked.get(1)).containsExactly(slightlyInfeasible);
        assertThat(ranked.get(2)).containsExactlyInAnyOrder(veryInfeasible, alsoVeryInfeasible);
    }

    @Test
    void crowdingDistanceFavoursTheExtremesAndTheLonely() {
        double[][] front = {{0, 4}, {1, 3}, {1.2, 2.8}, {3, 1}, {4, 0}};
        double[] distance = Pareto.crowdingDistances(front);
        assertThat(distance[0]).isInfinite();
        assertThat(distance[4]).isInfinite();
        // (1.2 - 0)/4 + (4 - 2.8)/4 = 0.6; (3 - 1)/4 + (3 - 1)/4 = 1.0; (4 - 1.2)/4 + (2.8 - 0)/4 = 1.4
        assertThat(distance[1]).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(distance[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(distance[3]).isCloseTo(1.4, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Property(tries = 100)
    void frontsPartitionThePointsAndNoPointIsDominatedByOneInTheSameOrALaterFront(
            @ForAll @IntRange(min = 0, max = 60) int n, @ForAll @IntRange(min = 1, max = 4) int m, @ForAll long seed) {
        Random random = new Random(seed);
        double[][] points = new double[n][m];
        for (double[] point : points) {
            for (int k = 0; k < m; k++) {
                point[k] = random.nextInt(6); // coarse grid: plenty of ties and duplicates
            }
        }
        List<List<Integer>> fronts = Pareto.nonDominatedFronts(points);
        List<Integer> all = new ArrayList<>();
        fronts.forEach(all::addAll);
        assertThat(all).hasSize(n).doesNotHaveDuplicates();
        for (int f = 0; f < fronts.size(); f++) {
            for (int i : fronts.get(f)) {
                for (int later = f; later < fronts.size(); later++) {
                    for (int j : fronts.get(later)) {
                        assertThat(Pareto.dominates(points[j], points[i])).isFalse();
                    }
                }
                if (f > 0) { // something in the front before dominates it
                    assertThat(fronts.get(f - 1).stream().anyMatch(j -> Pareto.dominates(points[j], points[i])))
                            .isTrue();
                }
            }
        }
    }
}
