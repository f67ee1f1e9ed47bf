package io.mabeam.foundation.security.boundary;

import java.io.Serializable;
import java.util.Set;

/** Who logged in to the console in this HTTP session; serializable so sessions can move between nodes. */
record SessionCaller(String name, Set<String> groups) implements Serializable {
    static final String ATTRIBUTE = "mabeam.caller";

    SessionCaller {
        groups = Set.copyOf(groups);
    }
}
