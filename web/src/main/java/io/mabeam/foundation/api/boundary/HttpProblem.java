package io.mabeam.foundation.api.boundary;

/**
 * A problem only the web layer speaks of, with its HTTP status (429 from this node's own limit, 502 from a
 * service behind it); below the web layer, components throw {@link io.mabeam.foundation.problems.DomainException}.
 */
public class HttpProblem extends RuntimeException {

    private final int status;
    private final String title;

    public HttpProblem(int status, String title, String detail) {
        super(detail);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem has an error status, not " + status);
        }
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
