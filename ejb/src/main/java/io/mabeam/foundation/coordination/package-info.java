/**
 * Distributed coordination: locks with fencing tokens (Hazelcast {@code FencedLock}), leases that hold a
 * lock for a client between requests, and fenced resources that refuse writes with stale tokens.
 */
package io.mabeam.foundation.coordination;
