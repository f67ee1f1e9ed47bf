package io.mabeam.foundation.problems;

import jakarta.ejb.ApplicationException;

/**
 * A failure the caller caused or can act on, carrying the HTTP status and the RFC 9457 fields that the
 * REST layer turns into {@code application/problem+json}. Boundaries throw it; the transaction rolls back.
 */
@ApplicationException(rollback = true)
public class Problem extends RuntimeException {

    private final int status;
    private final String title;

    public Problem(int status, String title, String detail) {
        super(detail);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem has an error status, not " + status);
        }
        this.status = status;
        this.title = title;
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "Bad request", detail);
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "Not found", detail);
    }

    public static Problem conflict(String detail) {
        return new Problem(409, "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
