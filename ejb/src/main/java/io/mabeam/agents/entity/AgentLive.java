package io.mabeam.agents.entity;

import java.util.Optional;

/** What is known live of an agent: its snapshot, and its performance over the last interval if measured. */
public record AgentLive(AgentSnapshot snapshot, Optional<AgentPerformance> performance) {}
