package io.mabeam.foundation.coordination.entity;

import java.util.List;

/** A role as the cluster sees it: the nodes offering it and its current term, if it has a leader. */
public record RoleLeadership(String role, List<String> offeredBy, LeaderTerm term) {}
