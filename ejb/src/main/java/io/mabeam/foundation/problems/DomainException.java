package io.mabeam.foundation.problems;

import jakarta.ejb.ApplicationException;

/**
 * A request the platform refuses, for a reason the caller can act on: bad input, an unknown name, a conflict
 * with the current state, a business rule, a part of the cluster that is not available. Components throw it;
 * the boundary's transaction rolls back; the web layer turns its {@link Reason} into an HTTP status and the
 * exception into {@code application/problem+json}. It knows nothing of HTTP.
 */
@ApplicationException(rollback = true)
public class DomainException extends RuntimeException {

    /** Why the request is refused. */
    public enum Reason {
        /** The input is malformed or out of range. */
        INVALID,
        /** What the request names does not exist. */
        NOT_FOUND,
        /** The request conflicts with the current state. */
        CONFLICT,
        /** The request was made against a version that is no longer current. */
        STALE,
        /** The input is well formed, but a business rule refuses it (too few credits, say). */
        REFUSED,
        /** Something the request needs is not available now (no data grid, a stopped agent); try again later. */
        UNAVAILABLE,
        /** Something the request waited for did not answer in time. */
        TIMED_OUT,
        /** The platform failed to do what it should have done. */
        FAILED
    }

    private final Reason reason;
    private final String title;

    public DomainException(Reason reason, String title, String detail) {
        super(detail);
        this.reason = reason;
        this.title = title;
    }

    public static DomainException invalid(String detail) {
        return new DomainException(Reason.INVALID, "Bad request", detail);
    }

    public static DomainException notFound(String detail) {
        return new DomainException(Reason.NOT_FOUND, "Not found", detail);
    }

    public static DomainException conflict(String detail) {
        return new DomainException(Reason.CONFLICT, "Conflict", detail);
    }

    public Reason reason() {
        return reason;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
