package io.mabeam.consensus.entity;

import jakarta.json.JsonObject;

/** A CDI event: a proposal was decided ({@code accepted} or {@code rejected}) on its terms. */
public record ProposalDecided(String proposal, String decision, JsonObject terms) {}
