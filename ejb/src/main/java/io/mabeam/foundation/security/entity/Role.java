package io.mabeam.foundation.security.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The roles of MABEAM; their lower-case names are the Jakarta Security groups and roles. */
public enum Role {
    ADMIN,
    OPERATOR,
    VIEWER;

    public static final String ADMIN_NAME = "admin";
    public static final String OPERATOR_NAME = "operator";
    public static final String VIEWER_NAME = "viewer";

    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> of(String name) {
        return Arrays.stream(values()).filter(r -> r.roleName().equals(name)).findFirst();
    }
}
