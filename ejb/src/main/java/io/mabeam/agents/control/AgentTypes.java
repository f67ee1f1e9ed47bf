package io.mabeam.agents.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The agent types by name: this component's own ({@code optimizer}, {@code trainer}, {@code echo}) and those
 * other components contribute as CDI beans of type {@link AgentType} ({@code voter}, {@code coder},
 * {@code reviewer}).
 */
public final class AgentTypes {

    private final Map<String, AgentType> byName = new TreeMap<>();

    public AgentTypes(List<AgentType> types) {
        types.forEach(type -> byName.put(type.name(), type));
    }

    /**
     * This component's types and the contributed ones; optimizers and trainers find each other through
     * {@code routes}.
     *
     * @throws IllegalStateException two types share a name
     */
    public static AgentTypes of(Routes routes, Iterable<AgentType> contributed) {
        List<AgentType> all =
                new ArrayList<>(List.of(new OptimizerType(routes), new TrainerType(routes), new EchoType()));
        contributed.forEach(all::add);
        Map<String, Long> names = all.stream().collect(Collectors.groupingBy(AgentType::name, Collectors.counting()));
        names.forEach((name, count) -> {
            if (count > 1) {
                throw new IllegalStateException("two agent types are named " + name);
            }
        });
        return new AgentTypes(all);
    }

    public Optional<AgentType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }
}
