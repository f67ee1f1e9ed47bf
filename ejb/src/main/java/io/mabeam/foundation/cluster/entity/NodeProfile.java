package io.mabeam.foundation.cluster.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What a node announces to the cluster when it joins: its name, roles and capabilities. */
public record NodeProfile(String nodeName, List<String> roles, Map<String, String> capabilities, Instant joinedAt) {

    /** A role name: lower-case words joined by hyphens, such as {@code study-scheduler}. */
    public static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public NodeProfile {
        roles = roles.stream().distinct().sorted().toList();
        capabilities = Map.copyOf(capabilities);
    }

    /** Known only by name, as a member that has not announced itself yet. */
    public static NodeProfile unknown(String nodeName) {
        return new NodeProfile(nodeName, List.of(), Map.of(), null);
    }
}
