package io.mabeam.foundation.events.entity;

import jakarta.ejb.ApplicationException;

/** Some, not all, of an append's event ids were appended before (or to another stream); nothing was written. */
@ApplicationException(rollback = true)
public class ReusedEventIds extends RuntimeException {

    public ReusedEventIds(String stream) {
        super("some of these event ids were appended before, not all of them to '" + stream
                + "' in one append: nothing was written");
    }
}
