package io.mabeam.foundation.events.entity;

/**
 * What an appender believes about a stream's version, checked atomically with the append (optimistic
 * concurrency). Versions count events from 0; a stream without events has none.
 */
public sealed interface ExpectedVersion {

    /** Append whatever the stream's version. */
    record Any() implements ExpectedVersion {
        @Override
        public String toString() {
            return "any version";
        }
    }

    /** The stream must not exist yet. */
    record NoStream() implements ExpectedVersion {
        @Override
        public String toString() {
            return "no stream";
        }
    }

    /** The stream must exist, whatever its version. */
    record StreamExists() implements ExpectedVersion {
        @Override
        public String toString() {
            return "an existing stream";
        }
    }

    /** The stream's last event must have exactly this version. */
    record Exactly(long version) implements ExpectedVersion {
        public Exactly {
            if (version < 0) {
                throw new IllegalArgumentException("versions count from 0");
            }
        }

        @Override
        public String toString() {
            return "version " + version;
        }
    }

    ExpectedVersion ANY = new Any();
    ExpectedVersion NO_STREAM = new NoStream();
    ExpectedVersion STREAM_EXISTS = new StreamExists();

    static ExpectedVersion exactly(long version) {
        return new Exactly(version);
    }

    /** Whether a stream whose last version is {@code current} (-1: no stream) meets this expectation. */
    default boolean isMetBy(long current) {
        if (this instanceof Exactly exactly) {
            return current == exactly.version();
        }
        if (this instanceof NoStream) {
            return current < 0;
        }
        if (this instanceof StreamExists) {
            return current >= 0;
        }
        return true;
    }
}
