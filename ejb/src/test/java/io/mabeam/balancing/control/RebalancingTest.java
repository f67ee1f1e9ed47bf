package io.mabeam.balancing.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.balancing.entity.Move;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RebalancingTest {

    static Map<String, List<String>> cluster(int... counts) {
        Map<String, List<String>> nodes = new LinkedHashMap<>();
        for (int n = 0; n < counts.length; n++) {
            List<String> agents = new ArrayList<>();
            for (int a = 0; a < counts[n]; a++) {
                agents.add("n" + n + "-a" + a);
            }
            nodes.put("n" + n, agents);
        }
        return nodes;
    }

    @Test
    void aJoiningNodeTakesItsShareFromTheFullestNodesNewestFirst() {
        Map<String, List<String>> nodes = cluster(6, 6, 0);
        List<Move> moves = Rebalancing.plan(nodes, 100);
        assertThat(moves).hasSize(4);
        assertThat(moves).allMatch(m -> m.to().equals("n2"));
        assertThat(moves.get(0).agent()).isEqualTo("n0-a5");
        assertThat(Rebalancing.countsAfter(nodes, moves))
                .containsEntry("n0", 4)
                .containsEntry("n1", 4)
                .containsEntry("n2", 4);
    }

    @Test
    void movesStopAtTheLimit() {
        assertThat(Rebalancing.plan(cluster(100, 0), 10)).hasSize(10);
        assertThat(Rebalancing.plan(cluster(3, 2, 3), 10)).isEmpty();
    }

    @Property(tries = 300)
    void afterThePlanNoNodeRunsMoreThanOneAgentAboveAnotherWithTheFewestMovesThatTakes(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 60) Integer> counts) {
        int[] array = counts.stream().mapToInt(Integer::intValue).toArray();
        Map<String, List<String>> nodes = cluster(array);
        List<Move> moves = Rebalancing.plan(nodes, Integer.MAX_VALUE);
        Map<String, Integer> after = Rebalancing.countsAfter(nodes, moves);
        int max = after.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        int min = after.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
        assertThat(moves).hasSize(fewestMoves(array));
        assertThat(moves.stream().map(Move::agent).distinct().count()).isEqualTo(moves.size());
    }

    /** Targets ⌊mean⌋ and ⌈mean⌉, the larger ones to the fullest nodes: what is above its target must move. */
    static int fewestMoves(int[] counts) {
        int[] sorted = Arrays.stream(counts)
                .boxed()
                .sorted((a, b) -> b - a)
                .mapToInt(Integer::intValue)
                .toArray();
        int total = Arrays.stream(counts).sum();
        int n = counts.length;
        int moves = 0;
        for (int i = 0; i < n; i++) {
            int target = total / n + (i < total % n ? 1 : 0);
            moves += Math.max(0, sorted[i] - target);
        }
        return moves;
    }
}
