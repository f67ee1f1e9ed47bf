package io.mabeam.foundation.cluster.entity;

/**
 * A change of the cluster's membership worth keeping in the event store ({@code MemberJoined}, {@code MemberLeft}),
 * fired synchronously by the topology and appended to {@code stream} by the event store's observer.
 */
public record MembershipRecorded(String stream, String type, String payload) {}
