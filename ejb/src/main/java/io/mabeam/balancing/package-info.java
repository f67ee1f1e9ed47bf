/**
 * Where agents and work go in the cluster: placement strategies (round-robin, least-loaded, capability-aware,
 * performance-weighted) over the nodes' loads, and the moves that even the load out when a node joins.
 */
package io.mabeam.balancing;
