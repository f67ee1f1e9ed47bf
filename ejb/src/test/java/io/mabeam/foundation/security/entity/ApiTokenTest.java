package io.mabeam.foundation.security.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void activeUntilItExpires() {
        ApiToken token = new ApiToken("ci", "ops", "hash", "admin", NOW, NOW.plus(Duration.ofDays(1)));
        assertThat(token.isActiveAt(NOW)).isTrue();
        assertThat(token.isActiveAt(NOW.plus(Duration.ofHours(23)))).isTrue();
        assertThat(token.isActiveAt(NOW.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void tokenWithoutExpiryLivesUntilRevoked() {
        ApiToken token = new ApiToken("ci", "ops", "hash", "admin", NOW, null);
        assertThat(token.isActiveAt(NOW.plus(Duration.ofDays(10_000)))).isTrue();
        token.revoke(NOW.plusSeconds(5));
        assertThat(token.isActiveAt(NOW.plusSeconds(6))).isFalse();
        token.revoke(NOW.plusSeconds(60));
        assertThat(token.revokedAt()).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void refusesBlankNamesAndPastExpiry() {
        assertThatThrownBy(() -> new ApiToken(" ", "ops", "hash", "admin", NOW, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApiToken("ci", "ops", "hash", "admin", NOW, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expires after it is created");
    }
}
