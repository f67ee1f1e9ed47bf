package io.mabeam.foundation.security.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * Declares the database identity store of Jakarta Security: usernames and PBKDF2 password hashes in
 * {@code mabeam_user}, groups (= roles) in {@code mabeam_user_role}. API tokens have their own store,
 * {@link ApiTokenIdentityStore}.
 */
@ApplicationScoped
@DatabaseIdentityStoreDefinition(
        dataSourceLookup = "java:global/jdbc/mabeam",
        callerQuery = "select password_hash from mabeam_user where username = ?",
        groupsQuery = "select role from mabeam_user_role where username = ?",
        hashAlgorithm = Pbkdf2PasswordHash.class,
        hashAlgorithmParameters = {
            "Pbkdf2PasswordHash.Algorithm=PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations=210000",
            "Pbkdf2PasswordHash.SaltSizeBytes=32",
            "Pbkdf2PasswordHash.KeySizeBytes=32"
        })
public class IdentityStores {}
