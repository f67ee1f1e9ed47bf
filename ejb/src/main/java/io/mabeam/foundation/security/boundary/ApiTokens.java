package io.mabeam.foundation.security.boundary;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.control.TokenSecrets;
import io.mabeam.foundation.security.entity.ApiToken;
import io.mabeam.foundation.security.entity.Caller;
import io.mabeam.foundation.security.entity.IssuedToken;
import io.mabeam.foundation.security.entity.Role;
import io.mabeam.foundation.security.entity.UserAccount;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Bearer tokens for the REST API: issued and revoked by admins, checked on every API call that bears one. */
@Stateless
public class ApiTokens {

    public static final Duration LONGEST_LIFETIME = Duration.ofDays(3650);

    @PersistenceContext
    EntityManager em;

    Clock clock = Clock.systemUTC();

    public IssuedToken issue(String owner, String name, Duration lifetime, String issuedBy) {
        UserAccount user = em.find(UserAccount.class, owner);
        if (user == null) {
            throw DomainException.invalid("no user '" + owner + "' to own the token");
        }
        if (lifetime != null
                && (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(LONGEST_LIFETIME) > 0)) {
            throw DomainException.invalid("a token lives between 1 day and " + LONGEST_LIFETIME.toDays() + " days");
        }
        Instant now = Instant.now(clock);
        String secret = TokenSecrets.newSecret();
        ApiToken token;
        try {
            token = new ApiToken(
                    name,
                    owner,
                    TokenSecrets.hash(secret),
                    issuedBy,
                    now,
                    lifetime == null ? null : now.plus(lifetime));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        em.persist(token);
        return new IssuedToken(token.id(), token.name(), token.owner(), token.expiresAt(), secret);
    }

    public List<ApiToken> all() {
        return em.createNamedQuery(ApiToken.FIND_ALL, ApiToken.class).getResultList();
    }

    public ApiToken revoke(String id) {
        ApiToken token = em.find(ApiToken.class, id);
        if (token == null) {
            throw DomainException.notFound("no API token '" + id + "'");
        }
        token.revoke(Instant.now(clock));
        return token;
    }

    /** Deletes the tokens revoked or expired before {@code cutoff}; answers how many. */
    public int purgeInactiveBefore(Instant cutoff) {
        return em.createNamedQuery(ApiToken.PURGE_INACTIVE_BEFORE)
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }

    /**
     * The caller a secret stands for, if it is a live token of an existing user. This runs on every API
     * call that bears a token, so it reads one projection row per role in one query, without a transaction
     * and without building entities (concurrent requests with the same token then serialised on the
     * entity cache's locks).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Caller> authenticate(String secret) {
        if (!TokenSecrets.looksLikeSecret(secret)) {
            return Optional.empty();
        }
        List<Object[]> rows = em.createNamedQuery(ApiToken.CALLER_BY_HASH, Object[].class)
                .setParameter("hash", TokenSecrets.hash(secret))
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] first = rows.get(0);
        Instant now = Instant.now(clock);
        if (first[2] != null || (first[1] != null && !now.isBefore((Instant) first[1]))) {
            return Optional.empty(); // revoked or expired
        }
        Set<String> roles = rows.stream().map(row -> ((Role) row[3]).roleName()).collect(Collectors.toSet());
        return Optional.of(new Caller((String) first[0], roles));
    }
}
