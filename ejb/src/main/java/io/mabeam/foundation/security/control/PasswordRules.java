package io.mabeam.foundation.security.control;

import java.util.Optional;

/** What a new password must satisfy (NIST SP 800-63B: length over composition rules). */
public final class PasswordRules {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private PasswordRules() {}

    /** Answers why the password is not acceptable, or empty when it is. */
    public static Optional<String> violation(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("a password has at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("a password has at most " + MAX_LENGTH + " characters");
        }
        if (password.isBlank()) {
            return Optional.of("a password is not only white space");
        }
        return Optional.empty();
    }
}
