package io.mabeam.foundation.security.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuthorizationHeaderTest {

    static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsBasicCredentialsWithColonsInThePassword() {
        var credential = (UsernamePasswordCredential) MabeamAuthentication.parse(basic("ops:pa:ss:word"));
        assertThat(credential.getCaller()).isEqualTo("ops");
        assertThat(credential.getPasswordAsString()).isEqualTo("pa:ss:word");
    }

    @Test
    void readsBearerTokensWhateverTheSchemeCase() {
        assertThat(MabeamAuthentication.parse("Bearer mbt_abc")).isEqualTo(new BearerTokenCredential("mbt_abc"));
        assertThat(MabeamAuthentication.parse("bearer mbt_abc")).isEqualTo(new BearerTokenCredential("mbt_abc"));
    }

    @Test
    void refusesMalformedHeaders() {
        assertThat(MabeamAuthentication.parse("Basic")).isNull();
        assertThat(MabeamAuthentication.parse("Basic %%%not-base64")).isNull();
        assertThat(MabeamAuthentication.parse(basic("no-colon"))).isNull();
        assertThat(MabeamAuthentication.parse(basic(":no-user"))).isNull();
        assertThat(MabeamAuthentication.parse("Bearer ")).isNull();
        assertThat(MabeamAuthentication.parse("Digest username=x")).isNull();
    }
}
