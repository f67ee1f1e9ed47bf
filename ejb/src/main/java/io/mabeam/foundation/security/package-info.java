/**
 * Who may do what: user accounts with PBKDF2-hashed passwords and the roles {@code admin},
 * {@code operator} and {@code viewer}, and revocable bearer API tokens of which only a hash is stored.
 * The web module's authentication mechanism validates callers against these tables.
 */
package io.mabeam.foundation.security;
