package io.mabeam.bridge.control;

import io.mabeam.variables.control.SearchSpaceJson;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.Map;

/** Pieces of the worker protocol (version 1) and of the messages about a worker: parameters out, values in. */
final class WorkerMessages {

    private WorkerMessages() {}

    /** A trial's parameters as JSON: numbers, booleans and strings, as search spaces write them. */
    static JsonObject json(Map<String, Object> parameters) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        parameters.forEach((name, value) -> object.add(name, SearchSpaceJson.toJson(value)));
        return object.build();
    }
    /** The objective values of a result message. */
    static double[] values(JsonArray array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.getJsonNumber(i).doubleValue();
        }
        return values;
    }

    static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** How a worker's process ended, for a message: killed by which signal, or its exit code. */
    static String exitDescription(Process process) {
        if (process.isAlive()) {
            return "stopped answering";
        }
        int code = process.exitValue();
        if (code > 128) {
            int signal = code - 128;
            return "was killed by signal " + signal + signalName(signal);
        }
        return "exited with code " + code;
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL: out of memory, or killed)";
            case 11 -> " (SIGSEGV: a crash in native code)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }
}
