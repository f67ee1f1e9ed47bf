package io.mabeam.economics.entity;

/** Fired (CDI) when an auction has been settled; observers acting on the award listen after the commit. */
public record AuctionSettled(Auction auction, Clearing clearing) {}
