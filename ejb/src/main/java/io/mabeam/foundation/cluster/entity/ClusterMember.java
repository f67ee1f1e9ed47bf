package io.mabeam.foundation.cluster.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A member of the data grid as this node sees it: where it listens, the MABEAM node it runs, the roles it
 * offers (leaders are elected per role among the members offering it) and what it can do.
 */
public record ClusterMember(
        String uuid,
        String address,
        String nodeName,
        boolean local,
        List<String> roles,
        Map<String, String> capabilities,
        Instant joinedAt) {

    public ClusterMember {
        roles = List.copyOf(roles);
        capabilities = Map.copyOf(capabilities);
    }

    public boolean offers(String role) {
        return roles.contains(role);
    }
}
