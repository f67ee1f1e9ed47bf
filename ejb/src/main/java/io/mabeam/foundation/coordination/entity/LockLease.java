package io.mabeam.foundation.coordination.entity;

import java.time.Instant;

/**
 * A lock held for a client between requests: the node holding it, the fencing token of this holding
 * (every later holding of the lock gets a higher one), and when it ends unless released before.
 */
public record LockLease(String id, String lock, long fence, String node, Instant acquiredAt, Instant expiresAt) {}
