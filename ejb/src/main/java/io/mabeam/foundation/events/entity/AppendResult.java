package io.mabeam.foundation.events.entity;

/** What an append wrote: the stream's versions from first to last, and whether it was a replay (no-op). */
public record AppendResult(String stream, long firstVersion, long lastVersion, boolean replayed) {}
