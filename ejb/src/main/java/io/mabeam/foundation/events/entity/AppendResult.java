package io.mabeam.foundation.events.entity;

/**
 * What an append wrote: the stream's versions from first to last, whether it was a replay (a no-op for
 * ids appended before), and the vector clock of its last event.
 */
public record AppendResult(String stream, long firstVersion, long lastVersion, boolean replayed, VectorClock clock) {}
