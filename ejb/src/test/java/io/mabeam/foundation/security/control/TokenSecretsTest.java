package io.mabeam.foundation.security.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TokenSecretsTest {

    @Test
    void secretsAreRecognisableAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String secret = TokenSecrets.newSecret();
            assertThat(TokenSecrets.looksLikeSecret(secret)).isTrue();
            assertThat(seen.add(secret)).isTrue();
        }
    }

    @Test
    void hashIsHexSha256AndStable() {
        String hash = TokenSecrets.hash("mbt_example");
        assertThat(hash).hasSize(64).matches("[0-9a-f]+");
        assertThat(TokenSecrets.hash("mbt_example")).isEqualTo(hash);
        assertThat(TokenSecrets.hash("mbt_examplf")).isNotEqualTo(hash);
        // SHA-256("abc"), FIPS 180-2 test vector
        assertThat(TokenSecrets.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void rejectsStringsThatAreNotSecrets() {
        assertThat(TokenSecrets.looksLikeSecret(null)).isFalse();
        assertThat(TokenSecrets.looksLikeSecret("")).isFalse();
        assertThat(TokenSecrets.looksLikeSecret("mbt_short")).isFalse();
        assertThat(TokenSecrets.looksLikeSecret("xyz_" + "a".repeat(43))).isFalse();
    }

    @Property
    void hashNeverRevealsTheSecret(@ForAll String secret) {
        String hash = TokenSecrets.hash(secret);
        assertThat(hash).hasSize(64);
        if (secret.length() >= 4) {
            assertThat(hash).doesNotContain(secret);
        }
    }
}
