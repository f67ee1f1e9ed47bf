package io.mabeam.agents.control;

import io.mabeam.training.control.Objectives;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What agent types build behaviours from: the system (to find other agents), the objectives, studies by name,
 * an executor for evaluations and one for blocking calls (databases). A type that needs more of the platform
 * (a coder, the proposals it makes) is handed it when its component contributes it.
 */
public record AgentEnvironment(
        AgentSystem system, Objectives objectives, Function<String, StudyClient> studies, Executor work, Executor io) {}
