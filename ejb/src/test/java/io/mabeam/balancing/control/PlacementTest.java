package io.mabeam.balancing.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.balancing.entity.NodeLoad;
import io.mabeam.balancing.entity.PlacementStrategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PlacementTest {

    static NodeLoad node(String name, int agents, double performance, String... capabilities) {
        return new NodeLoad(name, agents, 0, 0.1, Set.of(capabilities), performance);
    }

    static final List<NodeLoad> CLUSTER =
            List.of(node("n1", 10, 100, "cpu"), node("n2", 3, 100, "cpu"), node("gpu", 1, 100, "cpu", "gpu"));

    @Test
    void roundRobinTakesTheCapableNodesInTurn() {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            chosen.add(Placement.choose(PlacementStrategy.ROUND_ROBIN, CLUSTER, Set.of(), i));
        }
        assertThat(chosen).containsExactly("gpu", "n1", "n2", "gpu", "n1", "n2");
        assertThat(Placement.choose(PlacementStrategy.ROUND_ROBIN, CLUSTER, Set.of("gpu"), 5))
                .isEqualTo("gpu");
    }

    @Test
    void leastLoadedTakesTheNodeWithFewestAgents() {
        assertThat(Placement.choose(PlacementStrategy.LEAST_LOADED, CLUSTER, Set.of(), 0))
                .isEqualTo("gpu");
        assertThat(Placement.choose(PlacementStrategy.LEAST_LOADED, CLUSTER, Set.of("cpu"), 0))
                .isEqualTo("gpu");
    }

    @Test
    void capabilityAwareKeepsSpecialisedNodesForTheAgentsThatNeedThem() {
        assertThat(Placement.choose(PlacementStrategy.CAPABILITY_AWARE, CLUSTER, Set.of("cpu"), 0))
                .isEqualTo("n2");
        assertThat(Placement.choose(PlacementStrategy.CAPABILITY_AWARE, CLUSTER, Set.of("gpu"), 0))
                .isEqualTo("gpu");
    }

    @Test
    void performanceWeightingFavoursTheFasterNodePerAgent() {
        List<NodeLoad> nodes = List.of(node("fast", 1, 300), node("slow", 1, 100));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 4000; i++) {
            counts.merge(Placement.choose(PlacementStrategy.PERFORMANCE_WEIGHTED, nodes, Set.of(), i), 1, Integer::sum);
        }
        // weights 300/2 and 100/2: three in four go to the fast node
        assertThat(counts.get("fast") / 4000.0).isBetween(0.72, 0.78);
        assertThat(Placement.choose(PlacementStrategy.PERFORMANCE_WEIGHTED, nodes, Set.of(), 7))
                .isEqualTo(Placement.choose(PlacementStrategy.PERFORMANCE_WEIGHTED, nodes, Set.of(), 7));
    }

    @Test
    void noCapableNodeIsAClearError() {
        assertThatThrownBy(() -> Placement.choose(PlacementStrategy.LEAST_LOADED, CLUSTER, Set.of("tpu"), 0))
                .isInstanceOf(Placement.NoCapableNode.class)
                .hasMessageContaining("tpu");
    }

    @Property(tries = 300)
    void everyStrategyPicksANodeThatOffersWhatTheAgentNeeds(
            @ForAll("clusters") List<NodeLoad> nodes,
            @ForAll("requirements") Set<String> required,
            @ForAll PlacementStrategy strategy,
            @ForAll long sequence) {
        boolean anyCapable = nodes.stream().anyMatch(n -> n.offers(required));
        if (!anyCapable) {
            assertThatThrownBy(() -> Placement.choose(strategy, nodes, required, sequence))
                    .isInstanceOf(Placement.NoCapableNode.class);
            return;
        }
        String chosen = Placement.choose(strategy, nodes, required, sequence);
        NodeLoad node =
                nodes.stream().filter(n -> n.node().equals(chosen)).findFirst().orElseThrow();
        assertThat(node.offers(required)).isTrue();
        if (strategy == PlacementStrategy.LEAST_LOADED) {
            int fewest = nodes.stream()
                    .filter(n -> n.offers(required))
                    .mapToInt(NodeLoad::agents)
                    .min()
                    .orElseThrow();
            assertThat(node.agents()).isEqualTo(fewest);
        }
    }

    @Provide
    Arbitrary<List<NodeLoad>> clusters() {
        Arbitrary<NodeLoad> node = Combinators.combine(
                        Arbitraries.integers().between(0, 50),
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.of("cpu", "gpu", "data").set().ofMaxSize(3))
                .as((agents, performance, capabilities) ->
                        new NodeLoad("x", agents, 0, 0.5, capabilities, performance));
        return node.list().ofMinSize(1).ofMaxSize(6).map(list -> {
            List<NodeLoad> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                NodeLoad n = list.get(i);
                named.add(new NodeLoad("n" + i, n.agents(), 0, n.cpuLoad(), n.capabilities(), n.performance()));
            }
            return named;
        });
    }

    @Provide
    Arbitrary<Set<String>> requirements() {
        return Arbitraries.of("cpu", "gpu", "data").set().ofMaxSize(2);
    }
}
