package io.mabeam.balancing.control;

import io.mabeam.balancing.entity.Move;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The moves that even out agent counts, as when a node joins: agents leave the fullest nodes for the emptiest
 * until no node runs more than one agent above another, moving as few agents as that takes (each move is a
 * stop and a start elsewhere, so fewer is better) and at most {@code maxMoves}.
 */
public final class Rebalancing {

    private Rebalancing() {}

    /**
     * @param agentsByNode the agents each node runs that may move (newest last: those move first), every node
     *     of the cluster included, a new one with none
     */
    public static List<Move> plan(Map<String, List<String>> agentsByNode, int maxMoves) {
        Map<String, List<String>> remaining = new TreeMap<>();
        agentsByNode.forEach((node, agents) -> remaining.put(node, new ArrayList<>(agents)));
        List<Move> moves = new ArrayList<>();
        while (moves.size() < maxMoves && remaining.size() > 1) {
            Map.Entry<String, List<String>> fullest = remaining.entrySet().stream()
                    .max(Comparator.<Map.Entry<String, List<String>>>comparingInt(
                                    e -> e.getValue().size())
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElseThrow();
            Map.Entry<String, List<String>> emptiest = remaining.entrySet().stream()
                    .min(Comparator.<Map.Entry<String, List<String>>>comparingInt(
                                    e -> e.getValue().size())
                            .thenComparing(Map.Entry::getKey))
                    .orElseThrow();
            if (fullest.getValue().size() - emptiest.getValue().size() <= 1) {
                break;
            }
            List<String> from = fullest.getValue();
            String agent = from.remove(from.size() - 1);
            emptiest.getValue().add(agent);
            moves.add(new Move(agent, fullest.getKey(), emptiest.getKey()));
        }
        return moves;
    }

    /** The counts after the moves (for display and tests). */
    public static Map<String, Integer> countsAfter(Map<String, List<String>> agentsByNode, List<Move> moves) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        agentsByNode.forEach((node, agents) -> counts.put(node, agents.size()));
        for (Move move : moves) {
            counts.merge(move.from(), -1, Integer::sum);
            counts.merge(move.to(), 1, Integer::sum);
        }
        return counts;
    }
}
