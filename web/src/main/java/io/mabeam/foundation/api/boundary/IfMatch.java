package io.mabeam.foundation.api.boundary;

import io.mabeam.foundation.problems.DomainException;

/** The version an {@code If-Match} header names (compare-and-set on a versioned resource). */
public final class IfMatch {

    private IfMatch() {}

    /**
     * @param ifMatch the header, such as {@code "3"} or {@code W/"3"}; null when absent
     * @return the version, or null when there is no header
     * @throws DomainException 400 for anything but a version
     */
    public static Long version(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        try {
            return Long.parseLong(
                    ifMatch.trim().replace("W/", "").replace("\"", "").trim());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("If-Match takes a version such as \"3\"");
        }
    }
}
