package io.mabeam.foundation.config.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.foundation.config.entity.ConfigEntry;
import io.mabeam.foundation.config.entity.ConfigSchema;
import io.mabeam.foundation.config.entity.ConfigType;
import io.mabeam.foundation.persistence.control.SchemaMigrator;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Schemas and current values round-trip through the tables unchanged (H2; the ITs run PostgreSQL). */
class ConfigStoreTest {

    static JdbcDataSource h2;
    final ConfigStore store = new ConfigStore();

    @BeforeAll
    static void migrate() {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:configstore;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        new SchemaMigrator(h2).migrate();
    }

    @Test
    void schemasAndValuesRoundTrip() throws SQLException {
        ConfigSchema schema = new ConfigSchema(
                "mabeam.test.mode",
                ConfigType.STRING,
                BigDecimal.ONE,
                new BigDecimal("20"),
                List.of("fast", "safe"),
                "safe",
                "how to run");
        try (Connection connection = h2.getConnection()) {
            assertThat(store.declare(connection, schema, false, "alice")).isTrue();
            assertThat(store.declare(connection, schema, true, "alice")).isFalse();
            assertThat(store.schema(connection, "mabeam.test.mode")).contains(schema);
            assertThat(store.builtIn(connection, "mabeam.test.mode")).isTrue();
            assertThat(store.entry(connection, "mabeam.test.mode")).isEqualTo(ConfigEntry.unset("mabeam.test.mode"));

            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            store.store(connection, new ConfigEntry("mabeam.test.mode", "fast", 0, "alice", now));
            store.store(connection, new ConfigEntry("mabeam.test.mode", null, 1, "bob", now));
            assertThat(store.entry(connection, "mabeam.test.mode"))
                    .isEqualTo(new ConfigEntry("mabeam.test.mode", null, 1, "bob", now));
            assertThat(store.entries(connection)).hasSize(1);
            assertThat(store.schemas(connection)).extracting(ConfigSchema::key).contains("mabeam.test.mode");
        }
    }
}
