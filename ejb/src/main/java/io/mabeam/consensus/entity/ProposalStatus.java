package io.mabeam.consensus.entity;

import java.util.Locale;
import java.util.Optional;

public enum ProposalStatus {
    OPEN,
    ACCEPTED,
    REJECTED,
    NO_QUORUM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ProposalStatus> fromWire(String name) {
        for (ProposalStatus status : values()) {
            if (status.wireName().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    public static ProposalStatus of(Decision decision) {
        return switch (decision) {
            case ACCEPTED -> ACCEPTED;
            case REJECTED -> REJECTED;
            case NO_QUORUM -> NO_QUORUM;
        };
    }
}
