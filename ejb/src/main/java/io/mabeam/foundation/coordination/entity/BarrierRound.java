package io.mabeam.foundation.coordination.entity;

/**
 * A round of a barrier: how many parties it waits for, how many have arrived, and whether it opened (every
 * party arrived) — synchronous successive halving and population-based training end each rung this way.
 */
public record BarrierRound(String barrier, long round, int parties, int arrived, boolean open) {}
