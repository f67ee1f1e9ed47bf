package io.mabeam.consensus.entity;

import java.util.Locale;

/** The outcome of a round. */
public enum Decision {
    ACCEPTED,
    REJECTED,
    /** Fewer members answered than the quorum: nothing was decided. */
    NO_QUORUM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
