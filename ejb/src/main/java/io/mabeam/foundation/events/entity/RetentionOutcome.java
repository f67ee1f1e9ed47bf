package io.mabeam.foundation.events.entity;

import java.time.Instant;

/**
 * What one run of a retention policy did: how many events it archived or deleted (first and last
 * position; null when none), and, when events old enough had to stay because a subscription has not
 * handled them yet, which subscription and how many events.
 */
public record RetentionOutcome(
        RetentionPolicy policy,
        Instant cutoff,
        long removed,
        GlobalPosition first,
        GlobalPosition last,
        String heldBackBy,
        long heldBack) {}
