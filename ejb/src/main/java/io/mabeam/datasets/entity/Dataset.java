package io.mabeam.datasets.entity;

import java.time.Instant;
import java.util.regex.Pattern;

/** A stored dataset without its content: name, content hash, size, inferred schema, and where it came from. */
public record Dataset(
        String name,
        String sha256,
        long bytes,
        DatasetSchema schema,
        boolean bundled,
        String createdBy,
        Instant createdAt) {

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    public Dataset {
        requireName(name);
    }

    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a dataset's name is 1 to 200 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }
}
