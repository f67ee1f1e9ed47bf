package io.mabeam.foundation.security.boundary;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.control.PasswordRules;
import io.mabeam.foundation.security.entity.Role;
import io.mabeam.foundation.security.entity.UserAccount;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The user accounts: created by an admin (or at first start), listed, removed. */
@Stateless
public class Users {

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA512. */
    public static final Map<String, String> HASH_PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32");

    @PersistenceContext
    EntityManager em;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    Clock clock = Clock.systemUTC();

    public UserAccount create(String username, String password, Set<Role> roles) {
        PasswordRules.violation(password).ifPresent(v -> {
            throw DomainException.invalid(v);
        });
        if (em.find(UserAccount.class, username) != null) {
            throw DomainException.conflict("user '" + username + "' exists already");
        }
        UserAccount user;
        try {
            user = new UserAccount(username, hash(password), roles, Instant.now(clock));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        em.persist(user);
        return user;
    }

    public List<UserAccount> all() {
        return em.createNamedQuery(UserAccount.FIND_ALL, UserAccount.class).getResultList();
    }

    public Optional<UserAccount> find(String username) {
        return Optional.ofNullable(em.find(UserAccount.class, username));
    }

    public long count() {
        return em.createNamedQuery(UserAccount.COUNT, Long.class).getSingleResult();
    }

    public void delete(String username) {
        UserAccount user = em.find(UserAccount.class, username);
        if (user == null) {
            throw DomainException.notFound("no user '" + username + "'");
        }
        em.remove(user);
    }

    private String hash(String password) {
        passwordHash.initialize(HASH_PARAMETERS);
        return passwordHash.generate(password.toCharArray());
    }
}
