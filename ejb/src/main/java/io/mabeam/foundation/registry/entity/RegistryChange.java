package io.mabeam.foundation.registry.entity;

/**
 * Something that happened to an entry, as watchers hear it. For {@link Type#DEPENDENCY_LOST} the entry
 * is the dependent service and {@code about} names the dependency that went away or down.
 */
public record RegistryChange(Type type, RegistryEntry entry, String about, String reason) {

    public enum Type {
        REGISTERED,
        HEALTH_CHANGED,
        REMOVED,
        DEPENDENCY_LOST
    }
}
