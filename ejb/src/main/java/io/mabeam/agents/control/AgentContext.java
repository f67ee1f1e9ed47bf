package io.mabeam.agents.control;

import io.mabeam.agents.entity.AgentState;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/** What a behaviour may do besides handling its message; only valid on the agent's own turn. */
public interface AgentContext<M> {

    /** This agent's address, to hand to others. */
    AgentRef<M> self();

    String id();

    AgentState state();

    /** Starts a child this agent supervises (by this agent's supervision strategy and intensity). */
    <C> AgentRef<C> spawn(String id, Behavior<C> behavior, AgentOptions options);

    /** Stops a child of this agent (a requested stop: it is not restarted). False if it is not a child. */
    boolean stop(AgentRef<?> child);

    /** Sends this agent {@code message} after {@code delay}, replacing a timer of the same key. */
    void startTimer(Object key, M message, Duration delay);

    /** Sends this agent {@code message} every {@code interval}, replacing a timer of the same key. */
    void startPeriodicTimer(Object key, M message, Duration interval);

    void cancelTimer(Object key);

    /** Keeps the message aside (it counts against the stash's bound) until {@link #unstashAll()}. */
    void stash(M message);

    /** Delivers the stashed messages, in order, before anything else in the mailbox. */
    void unstashAll();

    /**
     * Sends this agent a message made from the stage's result or failure when it completes: blocking work
     * (a database call, a long computation) runs elsewhere and the agent's turn stays short.
     */
    default <T> void pipeToSelf(CompletionStage<T> stage, BiFunction<T, Throwable, M> toMessage) {
        AgentRef<M> self = self();
        stage.whenComplete((value, failure) -> self.tell(toMessage.apply(value, failure)));
    }
}
