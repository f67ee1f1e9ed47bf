package io.mabeam.foundation.security.entity;

import java.time.Instant;

/** A token just issued, with the secret that is shown this one time only. */
public record IssuedToken(String id, String name, String owner, Instant expiresAt, String secret) {}
