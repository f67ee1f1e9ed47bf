package io.mabeam.agents.control;

import java.util.function.Function;

/** The behaviours every agent uses: keep the same, stop, and set up on start (and on every restart). */
public final class Behaviors {

    private static final Behavior<Object> SAME = (context, message) -> {
        throw new IllegalStateException("same() is an answer, not a behaviour to run");
    };
    private static final Behavior<Object> STOPPED = (context, message) -> {
        throw new IllegalStateException("stopped() is an answer, not a behaviour to run");
    };

    private Behaviors() {}

    /** Keep the current behaviour. */
    @SuppressWarnings("unchecked")
    public static <M> Behavior<M> same() {
        return (Behavior<M>) SAME;
    }

    /** Stop the agent after this message (a normal end: transient and temporary agents are not restarted). */
    @SuppressWarnings("unchecked")
    public static <M> Behavior<M> stopped() {
        return (Behavior<M>) STOPPED;
    }

    /**
     * A behaviour made when the agent starts, from its context (to spawn children, start timers, read
     * configuration); a restart makes it afresh, so the agent's state starts over.
     */
    public static <M> Behavior<M> setup(Function<AgentContext<M>, Behavior<M>> factory) {
        return new Setup<>(factory);
    }

    static boolean isSame(Behavior<?> behavior) {
        return behavior == SAME;
    }

    static boolean isStopped(Behavior<?> behavior) {
        return behavior == STOPPED;
    }

    record Setup<M>(Function<AgentContext<M>, Behavior<M>> factory) implements Behavior<M> {

        @Override
        public Behavior<M> receive(AgentContext<M> context, M message) {
            throw new IllegalStateException("a setup behaviour runs when the agent starts");
        }
    }
}
