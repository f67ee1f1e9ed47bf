package io.mabeam.foundation.ratelimits.entity;

import java.time.Duration;

/**
 * Whether a request may go on: the limit that applied (requests per minute, 0 when none did), what is left
 * of it, and, when refused, how long until the bucket holds a token again.
 */
public record RateDecision(boolean allowed, RouteClass routeClass, long limit, long remaining, Duration retryAfter) {

    public static RateDecision unlimited(RouteClass routeClass) {
        return new RateDecision(true, routeClass, 0, Long.MAX_VALUE, Duration.ZERO);
    }

    /** Whole seconds to wait, rounded up, as HTTP's {@code Retry-After} wants them; at least 1. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
