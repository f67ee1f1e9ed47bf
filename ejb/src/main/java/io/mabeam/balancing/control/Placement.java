package io.mabeam.balancing.control;

import io.mabeam.balancing.entity.NodeLoad;
import io.mabeam.balancing.entity.PlacementStrategy;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Picks the node for a new agent: only nodes with every capability it needs, then by the strategy. */
public final class Placement {

    private Placement() {}

    /**
     * @param sequence the placement's number (round-robin's turn, the performance draw's seed): the same
     *     inputs give the same node on every node of the cluster
     * @throws NoCapableNode no node offers every required capability
     */
    public static String choose(PlacementStrategy strategy, List<NodeLoad> nodes, Set<String> required, long sequence) {
        List<NodeLoad> capable = nodes.stream()
                .filter(n -> n.offers(required))
                .sorted(Comparator.comparing(NodeLoad::node))
                .toList();
        if (capable.isEmpty()) {
            throw new NoCapableNode(required);
        }
        switch (strategy) {
            case ROUND_ROBIN:
                return capable.get((int) Math.floorMod(sequence, (long) capable.size()))
                        .node();
            case LEAST_LOADED:
                return capable.stream().min(LOAD).orElseThrow().node();
            case CAPABILITY_AWARE:
                return capable.stream()
                        .min(Comparator.<NodeLoad>comparingInt(
                                        n -> n.capabilities().size() - required.size())
                                .thenComparing(LOAD))
                        .orElseThrow()
                        .node();
            case PERFORMANCE_WEIGHTED:
                return weighted(capable, sequence);
            default:
                throw new IllegalArgumentException("unknown strategy " + strategy);
        }
    }

    /** Fewest agents, then fewest queued messages, then lowest CPU load, then name. */
    static final Comparator<NodeLoad> LOAD = Comparator.comparingInt(NodeLoad::agents)
            .thenComparingLong(NodeLoad::queuedMessages)
            .thenComparingDouble(NodeLoad::cpuLoad)
            .thenComparing(NodeLoad::node);

    /**
     * A draw in proportion to performance / (1 + agents): a fast node gets more agents until its share per
     * agent falls to the others'. Nodes without a measurement yet count as the mean of those with one (all
     * alike when none has one), so a new node is tried.
     */
    static String weighted(List<NodeLoad> capable, long sequence) {
        double known = capable.stream()
                .filter(n -> n.performance() > 0)
                .mapToDouble(NodeLoad::performance)
                .average()
                .orElse(1.0);
        double[] weights = new double[capable.size()];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            NodeLoad node = capable.get(i);
            double performance = node.performance() > 0 ? node.performance() : known;
            weights[i] = performance / (1 + node.agents());
            total += weights[i];
        }
        double u = new SplittableRandom(sequence).nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return capable.get(i).node();
            }
        }
        return capable.get(weights.length - 1).node();
    }

    /** No node offers what an agent needs. */
    public static final class NoCapableNode extends IllegalStateException {

        public NoCapableNode(Set<String> required) {
            super("no node offers every capability of "
                    + required.stream().sorted().toList());
        }
    }
}
