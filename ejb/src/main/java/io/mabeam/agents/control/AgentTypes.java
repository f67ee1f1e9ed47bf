package io.mabeam.agents.control;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The agent types by name: the built-ins ({@code optimizer}, {@code trainer}, {@code echo}, {@code voter}, {@code coder}, {@code reviewer}) and any added. */
public final class AgentTypes {

    private final Map<String, AgentType> byName = new TreeMap<>();

    public AgentTypes(List<AgentType> types) {
        types.forEach(type -> byName.put(type.name(), type));
    }

    /** The built-in types; optimizers and trainers find each other through {@code routes}. */
    public static AgentTypes builtIn(Routes routes) {
        return new AgentTypes(List.of(
                new OptimizerType(routes),
                new TrainerType(routes),
                new EchoType(),
                new io.mabeam.consensus.control.VoterType(),
                new io.mabeam.improvement.control.CoderType(),
                new io.mabeam.improvement.control.ReviewerType()));
    }

    public Optional<AgentType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(byName.keySet());
    }
}
