package io.mabeam.training.control;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Objectives by name: the built-in benchmark functions and every {@link Objective} service on the class path. */
public final class Objectives {

    private final Map<String, Objective> byName = new TreeMap<>();
    private final java.util.function.Function<String, Optional<Objective>> resolver;

    public Objectives(Iterable<Objective> objectives) {
        this(objectives, name -> Optional.empty());
    }

    private Objectives(
            Iterable<Objective> objectives, java.util.function.Function<String, Optional<Objective>> resolver) {
        for (Objective objective : objectives) {
            byName.put(objective.name(), objective);
        }
        this.resolver = resolver;
    }

    /**
     * These objectives, and those {@code resolver} finds by a name none of them has (objectives that come and go
     * while the node runs, such as Python objectives).
     */
    public Objectives resolving(java.util.function.Function<String, Optional<Objective>> resolver) {
        return new Objectives(byName.values(), resolver);
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
        Objectives objectives = new Objectives(byName.values(), resolver);
        for (Objective objective : more) {
            objectives.byName.put(objective.name(), objective);
        }
        return objectives;
    }

    public Optional<Objective> find(String name) {
        Objective objective = byName.get(name);
        return objective != null ? Optional.of(objective) : resolver.apply(name);
    }

    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(byName.keySet());
    }
}
