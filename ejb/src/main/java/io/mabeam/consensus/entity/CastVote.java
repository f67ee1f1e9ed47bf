package io.mabeam.consensus.entity;

import java.time.Instant;

/** A vote as stored: in which round, who recorded it (the platform asking the agent, or a client). */
public record CastVote(String proposal, int round, Vote vote, String castBy, Instant castAt) {}
