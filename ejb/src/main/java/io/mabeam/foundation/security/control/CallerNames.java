package io.mabeam.foundation.security.control;

import java.security.Principal;

/** The name recorded for whoever made a change: the authenticated caller, or {@code system}. */
public final class CallerNames {

    private CallerNames() {}

    public static String of(Principal caller) {
        String name = caller == null ? null : caller.getName();
        return name == null || name.isBlank() || name.equalsIgnoreCase("ANONYMOUS") ? "system" : name;
    }
}
