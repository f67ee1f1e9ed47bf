package io.mabeam.economics.entity;

import java.time.Instant;

/**
 * An account of credits (micro-credits). {@code tenant} names the tenant account whose spending cap this account's
 * spending counts against (null for a tenant's own account, which counts against itself).
 */
public record Account(
        String id,
        AccountKind kind,
        String owner,
        String tenant,
        long balance,
        Long spendCap,
        long spent,
        String createdBy,
        Instant createdAt) {

    /** The tenant account whose cap applies: the named tenant, or this account if it is a tenant's. */
    public String capHolder() {
        return tenant != null ? tenant : kind == AccountKind.TENANT ? id : null;
    }
}
