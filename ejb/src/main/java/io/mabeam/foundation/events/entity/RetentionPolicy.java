package io.mabeam.foundation.events.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What happens to the events of streams starting with a prefix once they are older than an age
 * (ISO-8601, such as {@code P90D}): moved to the archive, or deleted. Either way the retention job records what it did.
 */
public record RetentionPolicy(
        String streamPrefix, Duration maxAge, Action action, String createdBy, Instant createdAt) {

    public enum Action {
        ARCHIVE,
        DELETE;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Action of(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("a retention action is archive or delete");
            }
        }
    }

    public RetentionPolicy {
        if (streamPrefix == null || streamPrefix.isBlank() || streamPrefix.length() > 200) {
            throw new IllegalArgumentException("a retention policy names a stream prefix of 1 to 200 characters");
        }
        if (maxAge == null || maxAge.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "a retention age is an ISO-8601 duration of at least a second, such as P30D");
        }
        if (action == null) {
            throw new IllegalArgumentException("a retention policy archives or deletes");
        }
    }

    /** Whether a subscription with this stream filter (null: every stream) may want events this policy removes. */
    public boolean overlaps(String subscriptionPrefix) {
        return subscriptionPrefix == null
                || streamPrefix.startsWith(subscriptionPrefix)
                || subscriptionPrefix.startsWith(streamPrefix);
    }
}
