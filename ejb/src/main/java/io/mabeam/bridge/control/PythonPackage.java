package io.mabeam.bridge.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The {@code mabeam} Python package (python/mabeam in the repository), shipped inside the ejb module and written
 * out to a directory a worker's {@code PYTHONPATH} names.
 */
public final class PythonPackage {

    static final String RESOURCES = "/io/mabeam/bridge/python/mabeam/";
    static final List<String> FILES = List.of("__init__.py", "trial.py", "client.py", "worker.py");

    private PythonPackage() {}

    /** Writes the package to {@code directory}/mabeam; answers {@code directory}, the path to put on PYTHONPATH. */
    public static Path extractTo(Path directory) {
        try {
            Path target = Files.createDirectories(directory.resolve("mabeam"));
            for (String file : FILES) {
                try (InputStream in = PythonPackage.class.getResourceAsStream(RESOURCES + file)) {
                    if (in == null) {
                        throw new IllegalStateException("the mabeam Python package is missing " + file);
                    }
                    Files.copy(in, target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the mabeam Python package to " + directory, e);
        }
    }
}
