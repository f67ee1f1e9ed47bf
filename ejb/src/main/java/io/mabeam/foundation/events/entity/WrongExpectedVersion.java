package io.mabeam.foundation.events.entity;

/** The stream was not at the version the appender expected; nothing was written. */
public class WrongExpectedVersion extends RuntimeException {

    private final String stream;
    private final long actual;

    public WrongExpectedVersion(String stream, ExpectedVersion expected, long actual) {
        super("stream '" + stream + "' is at " + (actual < 0 ? "no version (it does not exist)" : "version " + actual)
                + ", not as expected: " + expected);
        this.stream = stream;
        this.actual = actual;
    }

    public WrongExpectedVersion(String stream, String detail) {
        super(detail);
        this.stream = stream;
        this.actual = -2;
    }

    public String stream() {
        return stream;
    }

    /** The stream's version when the append was refused: -1 without a stream, -2 when unknown. */
    public long actual() {
        return actual;
    }
}
