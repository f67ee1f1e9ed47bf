package io.mabeam.economics.entity;

import java.util.Locale;

public enum AuctionStatus {
    OPEN,
    CLOSED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
