package io.mabeam.economics.entity;

import java.util.Locale;
import java.util.Optional;

public enum AccountKind {
    TENANT,
    STUDY,
    AGENT,
    /** Holds the standing bids of one auction. */
    ESCROW,
    /** Issues credits: its balance is minus all credits in circulation. */
    TREASURY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AccountKind> fromWire(String name) {
        for (AccountKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Whether clients open accounts of this kind (escrow and treasury are the platform's own). */
    public boolean openable() {
        return this == TENANT || this == STUDY || this == AGENT;
    }
}
