package io.mabeam.economics.entity;

import java.time.Instant;

/** A posting as the ledger projects it: its transaction, the account's balance after it, why. */
public record LedgerEntry(
        String transaction,
        String account,
        long amount,
        long balanceAfter,
        String reason,
        String reference,
        Instant at) {}
