package io.mabeam.balancing.entity;

import java.util.Set;

/**
 * A node as placement sees it: how many agents it runs, their queued messages, its CPU load (0–1 per core),
 * what it can offer, and its performance (messages handled per second per agent, success-weighted; 0 unknown).
 */
public record NodeLoad(
        String node, int agents, long queuedMessages, double cpuLoad, Set<String> capabilities, double performance) {

    public NodeLoad {
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("a node has a name");
        }
        if (agents < 0 || queuedMessages < 0 || !(cpuLoad >= 0) || !(performance >= 0)) {
            throw new IllegalArgumentException("loads are not negative");
        }
        capabilities = Set.copyOf(capabilities);
    }

    public boolean offers(Set<String> required) {
        return capabilities.containsAll(required);
    }
}
