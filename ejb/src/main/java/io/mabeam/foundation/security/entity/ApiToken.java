package io.mabeam.foundation.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A bearer token for the REST API, acting with the roles of its owner. The secret is shown once when the
 * token is issued; only its SHA-256 hash is stored.
 */
@Entity
@Table(name = "api_token")
@NamedQuery(name = ApiToken.FIND_ALL, query = "select t from ApiToken t order by t.createdAt desc")
@NamedQuery(
        name = ApiToken.PURGE_INACTIVE_BEFORE,
        query = "delete from ApiToken t where (t.revokedAt is not null and t.revokedAt < :cutoff)"
                + " or (t.expiresAt is not null and t.expiresAt < :cutoff)")
@NamedQuery(
        name = ApiToken.CALLER_BY_HASH,
        query = "select t.owner, t.expiresAt, t.revokedAt, r from ApiToken t, UserAccount u join u.roles r"
                + " where t.tokenHash = :hash and u.username = t.owner")
public class ApiToken {

    public static final String FIND_ALL = "ApiToken.findAll";
    public static final String CALLER_BY_HASH = "ApiToken.callerByHash";
    public static final String PURGE_INACTIVE_BEFORE = "ApiToken.purgeInactiveBefore";

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String owner;

    @Column(name = "token_hash", nullable = false, unique = true)
    private String tokenHash;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiToken() {}

    public ApiToken(
            String name, String owner, String tokenHash, String createdBy, Instant createdAt, Instant expiresAt) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("a token name is 1 to 100 characters");
        }
        if (expiresAt != null && !expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a token expires after it is created");
        }
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.owner = Objects.requireNonNull(owner);
        this.tokenHash = Objects.requireNonNull(tokenHash);
        this.createdBy = Objects.requireNonNull(createdBy);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.expiresAt = expiresAt;
    }

    public boolean isActiveAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** Revokes the token; revoking twice keeps the first revocation time. */
    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String owner() {
        return owner;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }
}
