package io.mabeam.foundation.coordination.entity;

import jakarta.ejb.ApplicationException;

/** A write carried a fencing token older than one the resource has seen: its lock has passed on. */
@ApplicationException(rollback = true)
public class StaleFencingToken extends RuntimeException {

    public StaleFencingToken(String resource, long token, long seen) {
        super("resource '" + resource + "' has seen fencing token " + seen + "; token " + token
                + " belongs to an earlier holder of its lock, so the write is refused");
    }
}
