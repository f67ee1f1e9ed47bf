package io.mabeam.balancing.entity;

/** How a node is picked among those that have every capability an agent needs. */
public enum PlacementStrategy {
    /** In turn, by node name: even counts when agents cost alike. */
    ROUND_ROBIN,
    /** The node with the fewest agents (then the shortest mailboxes, then the lowest CPU load). */
    LEAST_LOADED,
    /**
     * The node whose capabilities fit best — fewest capabilities the agent does not need — then the least
     * loaded: specialised nodes (a GPU, a dataset) stay free for the agents that need them.
     */
    CAPABILITY_AWARE,
    /** At random, in proportion to each node's measured performance per agent it already runs. */
    PERFORMANCE_WEIGHTED
}
