package io.mabeam.foundation.registry.control;

import io.mabeam.foundation.registry.entity.RegistryEntry;
import io.mabeam.foundation.registry.entity.ServiceHealth;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entries as JSON text, the form they take in the data grid: plain strings need no application classes
 * on the other members, so any member reads what any other wrote.
 */
public final class RegistryJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private RegistryJson() {}

    public static JsonObject object(RegistryEntry entry) {
        JsonObjectBuilder metadata = JSON.createObjectBuilder();
        entry.metadata().forEach(metadata::add);
        JsonArrayBuilder dependencies = JSON.createArrayBuilder();
        entry.dependencies().forEach(dependencies::add);
        return JSON.createObjectBuilder()
                .add("namespace", entry.namespace())
                .add("name", entry.name())
                .add("kind", entry.kind().name())
                .add("ownerMember", entry.ownerMember())
                .add("ownerNode", entry.ownerNode())
                .add("metadata", metadata)
                .add("dependencies", dependencies)
                .add("health", entry.health().name())
                .add("registeredAt", entry.registeredAt().toString())
                .build();
    }

    public static String write(RegistryEntry entry) {
        return object(entry).toString();
    }

    public static RegistryEntry read(String text) {
        JsonObject json = JSON.createReader(new StringReader(text)).readObject();
        Map<String, String> metadata = new LinkedHashMap<>();
        json.getJsonObject("metadata").forEach((key, value) -> metadata.put(key, ((JsonString) value).getString()));
        return new RegistryEntry(
                json.getString("namespace"),
                json.getString("name"),
                RegistryEntry.Kind.valueOf(json.getString("kind")),
                json.getString("ownerMember"),
                json.getString("ownerNode"),
                metadata,
                json.getJsonArray("dependencies").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList(),
                ServiceHealth.valueOf(json.getString("health")),
                Instant.parse(json.getString("registeredAt")));
    }
}
