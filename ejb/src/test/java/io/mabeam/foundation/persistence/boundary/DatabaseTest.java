package io.mabeam.foundation.persistence.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void urlsShownOnTheDashboardCarryNoCredentials() {
        assertThat(Database.withoutCredentials("jdbc:postgresql://db:5432/mabeam?user=bob&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/mabeam");
        assertThat(Database.withoutCredentials("jdbc:h2:file:./data/mabeam;PASSWORD=x;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:./data/mabeam;PASSWORD=***;MODE=PostgreSQL");
        assertThat(Database.withoutCredentials(null)).isEqualTo("unknown");
    }
}
