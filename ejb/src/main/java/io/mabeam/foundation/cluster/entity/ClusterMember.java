package io.mabeam.foundation.cluster.entity;

/** A member of the data grid as this node sees it. */
public record ClusterMember(String uuid, String address, String nodeName, boolean local) {}
