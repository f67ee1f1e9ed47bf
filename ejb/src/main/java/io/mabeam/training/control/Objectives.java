package io.mabeam.training.control;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Objectives by name: the built-in benchmark functions and every {@link Objective} service on the class path. */
public final class Objectives {

    private final Map<String, Objective> byName = new TreeMap<>();

    public Objectives(Iterable<Objective> objectives) {
        for (Objective objective : objectives) {
            byName.put(objective.name(), objective);
        }
    }

    /** The built-ins and the class path's providers. */
    public static Objectives discovered() {
        Objectives objectives = new Objectives(BenchmarkObjectives.ALL);
        for (Objective provided : ServiceLoader.load(Objective.class)) {
            objectives.byName.put(provided.name(), provided);
        }
        return objectives;
    }

    /** These objectives and {@code more} (replacing any of the same name). */
    public Objectives with(Objective... more) {
        Objectives objectives = new Objectives(byName.values());
        for (Objective objective : more) {
            objectives.byName.put(objective.name(), objective);
        }
        return objectives;
    }

    public Optional<Objective> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(byName.keySet());
    }
}
