package io.mabeam.foundation.coordination.entity;

/**
 * A CDI event fired on this node when it takes up or gives up a role's leadership; work that only a leader
 * may do starts and stops on it, and carries the term's epoch as its fencing token.
 */
public record LeadershipChange(String role, boolean leading, long epoch) {}
