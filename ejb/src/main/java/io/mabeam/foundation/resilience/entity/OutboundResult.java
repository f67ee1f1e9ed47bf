package io.mabeam.foundation.resilience.entity;

/**
 * What became of an outbound call: delivered with the peer's status, or not delivered and why (the peer
 * failed, timed out, the breaker is open, the bulkhead is full).
 */
public record OutboundResult(boolean delivered, int status, String reason) {

    public static OutboundResult delivered(int status) {
        return new OutboundResult(true, status, null);
    }

    public static OutboundResult notDelivered(String reason) {
        return new OutboundResult(false, 0, reason);
    }
}
