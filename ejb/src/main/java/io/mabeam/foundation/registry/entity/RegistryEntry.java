package io.mabeam.foundation.registry.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A named process or service in one namespace of the registry, owned by the cluster member that
 * registered it (its UUID and node name), with free metadata; services also carry the names of the
 * services they depend on and their own health.
 */
public record RegistryEntry(
        String namespace,
        String name,
        Kind kind,
        String ownerMember,
        String ownerNode,
        Map<String, String> metadata,
        List<String> dependencies,
        ServiceHealth health,
        Instant registeredAt) {

    public static final Pattern NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9-]{0,49}");
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");
    public static final int MOST_METADATA = 32;

    public enum Kind {
        PROCESS,
        SERVICE
    }

    public RegistryEntry {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException(
                    "a namespace is 1 to 50 lower-case letters, digits or dashes, starting with a letter or digit");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a registry name is 1 to 200 letters, digits or . _ : -, starting with a letter or digit");
        }
        kind = kind == null ? Kind.PROCESS : kind;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        if (metadata.size() > MOST_METADATA) {
            throw new IllegalArgumentException("an entry carries at most " + MOST_METADATA + " metadata fields");
        }
        metadata.forEach((key, value) -> {
            if (key.isBlank() || key.length() > 100 || value.length() > 1000) {
                throw new IllegalArgumentException("metadata keys are 1 to 100 characters, values at most 1000");
            }
        });
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        if (kind == Kind.PROCESS && !dependencies.isEmpty()) {
            throw new IllegalArgumentException("only services declare dependencies");
        }
        for (String dependency : dependencies) {
            if (!NAME.matcher(dependency).matches() || dependency.equals(name)) {
                throw new IllegalArgumentException("a dependency names another service: " + dependency);
            }
        }
        health = health == null ? ServiceHealth.UP : health;
    }

    /** Whether every given metadata field has the given value here. */
    public boolean matches(Map<String, String> query) {
        return query.entrySet().stream().allMatch(field -> field.getValue().equals(metadata.get(field.getKey())));
    }

    public RegistryEntry withHealth(ServiceHealth newHealth) {
        return new RegistryEntry(
                namespace, name, kind, ownerMember, ownerNode, metadata, dependencies, newHealth, registeredAt);
    }
}
