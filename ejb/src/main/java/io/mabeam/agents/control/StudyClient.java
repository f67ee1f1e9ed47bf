package io.mabeam.agents.control;

import io.mabeam.optimization.entity.Outcome;
import java.util.Map;

/**
 * One study as the optimizer and trainer agents drive it: the persisted study through its boundary in the
 * platform, an in-memory one in tests. Calls may block (a database round trip): agents make them off their turn.
 */
public interface StudyClient {

    String study();

    /** The next trial: its number and parameters (running from now on). */
    AskedTrial ask();

    /** Records an intermediate value; true when the trial should stop (pruned). */
    boolean report(long number, long step, double value);

    /** How many of its trials have ended (complete, pruned or failed). */
    int finished();

    /** Ends a running trial. */
    void tell(long number, Outcome outcome);

    /** A trial handed out by {@link #ask()}. */
    record AskedTrial(long number, Map<String, Object> parameters) {}
}
