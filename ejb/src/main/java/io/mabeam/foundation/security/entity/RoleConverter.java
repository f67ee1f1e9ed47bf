package io.mabeam.foundation.security.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link Role} as its lower-case name, the form the database constraint and groups use. */
@Converter
public class RoleConverter implements AttributeConverter<Role, String> {

    @Override
    public String convertToDatabaseColumn(Role role) {
        return role == null ? null : role.roleName();
    }

    @Override
    public Role convertToEntityAttribute(String name) {
        return name == null
                ? null
                : Role.of(name).orElseThrow(() -> new IllegalStateException("unknown role in database: " + name));
    }
}
