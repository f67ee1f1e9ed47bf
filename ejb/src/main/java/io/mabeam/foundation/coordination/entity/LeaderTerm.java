package io.mabeam.foundation.coordination.entity;

import java.time.Instant;

/**
 * A term of leadership: the role, the node and member leading it, and the epoch — a fencing token that
 * grows with every term, so writes of an earlier leader can be refused.
 */
public record LeaderTerm(String role, String nodeName, String member, long epoch, Instant since) {}
