package io.mabeam.balancing.entity;

/** One agent moved from one node to another to even the load. */
public record Move(String agent, String from, String to) {}
