package io.mabeam.bridge.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to start a Python worker for one objective: the interpreter, the directory holding the {@code mabeam}
 * package, the objective's source file and entry point, and the worker's memory limit (its address space, set
 * by the worker itself with {@code setrlimit} before it loads the source; 0 for none). Native libraries get one
 * thread each (numpy's BLAS would otherwise start one per core in every worker and reserve memory for them).
 */
public record WorkerCommand(String python, Path packageDirectory, Path source, String entry, int memoryMb) {

    public ProcessBuilder processBuilder() {
        List<String> command = new ArrayList<>(List.of(
                python, "-u", "-X", "utf8", "-m", "mabeam.worker", "--source", source.toString(), "--entry", entry));
        if (memoryMb > 0) {
            command.add("--memory-mb");
            command.add(Integer.toString(memoryMb));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.put("PYTHONPATH", packageDirectory.toString());
        environment.put("PYTHONDONTWRITEBYTECODE", "1");
        environment.put("PYTHONUNBUFFERED", "1");
        environment.put("PYTHONIOENCODING", "utf-8");
        for (String threads : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
            environment.put(threads, "1");
        }
        builder.directory(source.getParent().toFile());
        return builder;
    }
}
