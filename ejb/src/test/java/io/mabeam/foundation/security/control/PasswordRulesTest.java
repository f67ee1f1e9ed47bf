package io.mabeam.foundation.security.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordRulesTest {

    @Test
    void acceptsLongEnoughPasswords() {
        assertThat(PasswordRules.violation("correct horse battery")).isEmpty();
        assertThat(PasswordRules.violation("x".repeat(PasswordRules.MIN_LENGTH)))
                .isEmpty();
    }

    @Test
    void refusesShortMissingOrBlankPasswords() {
        assertThat(PasswordRules.violation(null)).contains("a password has at least 12 characters");
        assertThat(PasswordRules.violation("x".repeat(PasswordRules.MIN_LENGTH - 1)))
                .isPresent();
        assertThat(PasswordRules.violation(" ".repeat(20))).contains("a password is not only white space");
    }

    @Test
    void refusesOverlongPasswords() {
        assertThat(PasswordRules.violation("x".repeat(PasswordRules.MAX_LENGTH + 1)))
                .contains("a password has at most 128 characters");
    }
}
