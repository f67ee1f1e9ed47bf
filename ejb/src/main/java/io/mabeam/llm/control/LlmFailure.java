package io.mabeam.llm.control;

import java.time.Duration;

/**
 * Why a call to a language model gave no answer. {@link Retryable} failures may go away when the call is made
 * again (a 429, a 5xx, a timeout, no connection, a body that was not the protocol); the others will not (bad
 * credentials, a request the service refuses).
 */
public class LlmFailure extends Exception {

    /** What went wrong, as a metric label. */
    public enum Kind {
        RATE_LIMITED("rate-limited"),
        SERVER("server-error"),
        TIMEOUT("timeout"),
        UNREACHABLE("unreachable"),
        MALFORMED("malformed"),
        AUTHENTICATION("authentication"),
        REJECTED("rejected");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Kind kind;
    private final Duration retryAfter;

    LlmFailure(Kind kind, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public static LlmFailure of(Kind kind, String message) {
        return of(kind, message, null);
    }

    public static LlmFailure of(Kind kind, String message, Duration retryAfter) {
        return switch (kind) {
            case AUTHENTICATION, REJECTED -> new LlmFailure(kind, message, retryAfter);
            default -> new Retryable(kind, message, retryAfter);
        };
    }

    public Kind kind() {
        return kind;
    }

    /** What the service asked to wait before the next call (a 429's {@code Retry-After}), if it said. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** A failure worth another attempt. */
    public static final class Retryable extends LlmFailure {
        Retryable(Kind kind, String message, Duration retryAfter) {
            super(kind, message, retryAfter);
        }
    }
}
