package io.mabeam.foundation.registry.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.foundation.registry.entity.RegistryEntry;
import io.mabeam.foundation.registry.entity.ServiceHealth;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryJsonTest {

    static RegistryEntry service(String name, List<String> dependencies, Map<String, String> metadata) {
        return new RegistryEntry(
                "it-ns",
                name,
                RegistryEntry.Kind.SERVICE,
                "member-1",
                "node-1",
                metadata,
                dependencies,
                ServiceHealth.DEGRADED,
                Instant.parse("2026-11-26T10:00:00Z"));
    }

    @Test
    void entriesSurviveTheTripThroughTheDataGridAsJson() {
        RegistryEntry entry = service("trainer", List.of("store", "queue"), Map.of("zone", "a", "gpu", "none"));
        assertThat(RegistryJson.read(RegistryJson.write(entry))).isEqualTo(entry);
    }

    @Test
    void metadataQueriesMatchEveryGivenField() {
        RegistryEntry entry = service("trainer", List.of(), Map.of("zone", "a", "gpu", "none"));
        assertThat(entry.matches(Map.of())).isTrue();
        assertThat(entry.matches(Map.of("zone", "a"))).isTrue();
        assertThat(entry.matches(Map.of("zone", "a", "gpu", "v100"))).isFalse();
        assertThat(entry.matches(Map.of("region", "a"))).isFalse();
    }

    @Test
    void invalidEntriesAreRefused() {
        assertThatThrownBy(() -> service("-bad", List.of(), Map.of())).hasMessageContaining("registry name");
        assertThatThrownBy(() -> service("self", List.of("self"), Map.of())).hasMessageContaining("another service");
        assertThatThrownBy(
                        () -> new RegistryEntry("Prod", "x", null, "m", "n", Map.of(), List.of(), null, Instant.now()))
                .hasMessageContaining("namespace");
        assertThatThrownBy(() -> new RegistryEntry(
                        "prod", "x", RegistryEntry.Kind.PROCESS, "m", "n", Map.of(), List.of("y"), null, Instant.now()))
                .hasMessageContaining("only services");
    }
}
