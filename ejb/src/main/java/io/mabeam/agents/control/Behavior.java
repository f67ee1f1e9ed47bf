package io.mabeam.agents.control;

/**
 * What an agent does with a message: handles it (changing its own state only) and answers the behaviour for
 * the next one — {@link Behaviors#same()}, another behaviour, or {@link Behaviors#stopped()}. An exception
 * fails the agent; its supervisor decides whether it restarts.
 *
 * @param <M> the agent's message protocol (a sealed interface of records)
 */
@FunctionalInterface
public interface Behavior<M> {

    Behavior<M> receive(AgentContext<M> context, M message) throws Exception;
}
