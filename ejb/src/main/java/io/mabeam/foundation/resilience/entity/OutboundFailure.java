package io.mabeam.foundation.resilience.entity;

/** An outbound call failed in a way worth retrying: no connection, an I/O error, a 5xx or 429 answer. */
public class OutboundFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public OutboundFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public OutboundFailure(String message) {
        super(message);
    }
}
