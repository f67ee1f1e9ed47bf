package io.mabeam.foundation.cluster.entity;

/**
 * A CDI event fired on this node when the members of the cluster, or what they announced, changed. Beans
 * that depend on who is in the cluster (leader election, for one) look again when they hear it.
 */
public record TopologyChange(String member, Kind kind) {

    public enum Kind {
        JOINED,
        LEFT,
        ANNOUNCED
    }
}
