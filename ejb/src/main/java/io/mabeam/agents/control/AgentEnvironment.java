package io.mabeam.agents.control;

import io.mabeam.training.control.Objectives;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What agent types build behaviours from: the system (to find other agents), the objectives, studies by name,
 * an executor for evaluations and one for blocking calls (databases), and the platform's services an agent type
 * may need, by their interface (what a coder proposes through, say).
 */
public record AgentEnvironment(
        AgentSystem system,
        Objectives objectives,
        Function<String, StudyClient> studies,
        Executor work,
        Executor io,
        Map<Class<?>, Object> services) {

    public AgentEnvironment {
        services = Map.copyOf(services);
    }

    public AgentEnvironment(
            AgentSystem system,
            Objectives objectives,
            Function<String, StudyClient> studies,
            Executor work,
            Executor io) {
        this(system, objectives, studies, work, io, Map.of());
    }

    /** The service of that interface, if the platform offers it. */
    public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(services.get(type)).map(type::cast);
    }
}
