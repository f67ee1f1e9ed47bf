package io.mabeam.foundation.events.entity;

/**
 * A subscription with how far it trails the log: the number of wanted events after its checkpoint
 * (counted up to {@link #LAG_COUNTED_UP_TO}; more reads as that figure).
 */
public record SubscriptionStatus(Subscription subscription, long lag) {

    public static final int LAG_COUNTED_UP_TO = 100_000;
}
