package io.mabeam.foundation.security.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** A person or system that logs in with a username and password and holds one or more roles. */
@Entity
@Table(name = "mabeam_user")
@NamedQuery(name = UserAccount.FIND_ALL, query = "select u from UserAccount u order by u.username")
@NamedQuery(name = UserAccount.COUNT, query = "select count(u) from UserAccount u")
public class UserAccount {

    public static final String FIND_ALL = "UserAccount.findAll";
    public static final String COUNT = "UserAccount.count";
    public static final Pattern VALID_USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");

    @Id
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "mabeam_user_role", joinColumns = @JoinColumn(name = "username"))
    @Column(name = "role")
    @Convert(converter = RoleConverter.class)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    protected UserAccount() {}

    public UserAccount(String username, String passwordHash, Set<Role> roles, Instant createdAt) {
        if (username == null || !VALID_USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException(
                    "a username is 2 to 64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("a user has at least one role");
        }
        this.username = username;
        this.passwordHash = Objects.requireNonNull(passwordHash);
        this.roles = EnumSet.copyOf(roles);
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Set<Role> roles() {
        return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }
}
