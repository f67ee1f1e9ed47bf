package io.mabeam.bridge.entity;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * An objective written in Python: its source (one module), the function trials call ({@code entry}, taking the
 * trial), and how its workers run — the time one evaluation may take, the memory a worker may use (its address
 * space; 0 for no limit), and how many workers each node runs at most. Trials use it as objective
 * {@code python:<name>}.
 */
public record PythonObjectiveSpec(
        String name,
        String source,
        String sha256,
        String entry,
        int timeoutSeconds,
        int memoryMb,
        int workers,
        String description,
        int version,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    /** How trials name a Python objective: {@code python:} and its name. */
    public static final String PREFIX = "python:";

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    public static final Pattern ENTRY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");
    public static final int MAX_SOURCE_CHARS = 1_000_000;

    public String objectiveName() {
        return PREFIX + name;
    }

    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a Python objective's name is 1 to 100 letters, digits, '.', '_' or"
                    + " '-', starting with a letter or digit");
        }
        return name;
    }

    /** The name of the Python objective an objective name means, if it names one ({@code python:<name>}). */
    public static java.util.Optional<String> pythonName(String objective) {
        if (objective == null || !objective.startsWith(PREFIX)) {
            return java.util.Optional.empty();
        }
        String name = objective.substring(PREFIX.length());
        return NAME.matcher(name).matches() ? java.util.Optional.of(name) : java.util.Optional.empty();
    }
}
