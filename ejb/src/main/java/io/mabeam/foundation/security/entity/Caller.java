package io.mabeam.foundation.security.entity;

import java.util.Set;

/** An authenticated caller: the name it acts under and the role names it holds. */
public record Caller(String name, Set<String> roles) {
    public Caller {
        roles = Set.copyOf(roles);
    }
}
