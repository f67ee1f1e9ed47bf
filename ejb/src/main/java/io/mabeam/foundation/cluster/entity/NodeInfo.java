package io.mabeam.foundation.cluster.entity;

import java.time.Instant;
import java.util.List;

/** This node: its name, version, start time, and the cluster it sees. */
public record NodeInfo(
        String name,
        String version,
        Instant startedAt,
        boolean clustered,
        String clusterName,
        List<ClusterMember> members) {}
