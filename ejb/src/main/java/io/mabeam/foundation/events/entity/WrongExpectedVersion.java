package io.mabeam.foundation.events.entity;

import jakarta.ejb.ApplicationException;

/** The stream was not at the version the appender expected; nothing was written. */
@ApplicationException(rollback = true)
public class WrongExpectedVersion extends RuntimeException {

    private final String stream;
    private final long actual;

    public WrongExpectedVersion(String stream, ExpectedVersion expected, long actual) {
        super("stream '" + stream + "' is at " + (actual < 0 ? "no version (it does not exist)" : "version " + actual)
                + ", not as expected: " + expected);
        this.stream = stream;
        this.actual = actual;
    }

    public String stream() {
        return stream;
    }

    /** The stream's version when the append was refused: -1 without a stream. */
    public long actual() {
        return actual;
    }
}
