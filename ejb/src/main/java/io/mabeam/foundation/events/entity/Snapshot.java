package io.mabeam.foundation.events.entity;

import java.time.Instant;

/** A stream's state (a JSON object) as of one version of the stream. */
public record Snapshot(String stream, long version, String state, Instant takenAt) {}
