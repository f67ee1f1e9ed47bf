/**
 * Calls that leave the node, under MicroProfile Fault Tolerance: a timeout, retries with backoff and jitter,
 * a circuit breaker, a bulkhead and a fallback on every one, with the breakers' states in metrics, health,
 * the REST API and the console.
 */
package io.mabeam.foundation.resilience;
