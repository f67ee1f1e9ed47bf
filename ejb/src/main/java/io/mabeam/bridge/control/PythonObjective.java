package io.mabeam.bridge.control;

import io.mabeam.bridge.entity.PythonObjectiveSpec;
import io.mabeam.training.control.Objective;
import java.util.Map;

/**
 * An objective written in Python, as trainers see it: each trial is evaluated by a worker of the objective's
 * pool on this node (the pool of its current source), and what the evaluation wrote goes to the trial's log —
 * also, and above all, when it failed.
 */
public final class PythonObjective implements Objective {

    /** Where a node finds the pool of a Python objective's current source. */
    @FunctionalInterface
    public interface Pools {
        /** @throws IllegalArgumentException no such objective */
        WorkerPool of(String name);
    }

    /** Where trial logs go. */
    @FunctionalInterface
    public interface Logs {
        void append(String study, long trial, TrialLog log);
    }

    /** What became of an evaluation: complete, pruned, or a failure's kind. */
    @FunctionalInterface
    public interface Outcomes {
        void ended(String objective, String outcome);
    }

    private final String name;
    private final Pools pools;
    private final Logs logs;
    private final Outcomes outcomes;

    /** @param name the objective's name without the {@code python:} prefix */
    public PythonObjective(String name, Pools pools, Logs logs, Outcomes outcomes) {
        this.name = name;
        this.pools = pools;
        this.logs = logs;
        this.outcomes = outcomes;
    }

    @Override
    public String name() {
        return PythonObjectiveSpec.PREFIX + name;
    }

    @Override
    public double[] evaluate(Map<String, Object> parameters, Progress progress) throws Exception {
        return evaluate(new Evaluation("", -1, parameters, progress));
    }

    @Override
    public double[] evaluate(Evaluation evaluation) throws Exception {
        TrialLog log = new TrialLog();
        String outcome = "complete";
        try {
            WorkerPool pool;
            try {
                pool = pools.of(name);
            } catch (IllegalArgumentException e) {
                outcome = "unknown";
                log.note(e.getMessage());
                throw e;
            }
            return pool.evaluate(
                    evaluation.study(), evaluation.trial(), evaluation.parameters(), evaluation.progress(), log);
        } catch (Pruned pruned) {
            outcome = "pruned";
            throw pruned;
        } catch (WorkerFailure failure) {
            outcome = failure.kind().label();
            throw failure;
        } catch (InterruptedException e) {
            outcome = "interrupted";
            log.note("the evaluation was interrupted");
            throw e;
        } finally {
            outcomes.ended(name, outcome);
            if (!log.isEmpty() && evaluation.trial() >= 0) {
                logs.append(evaluation.study(), evaluation.trial(), log);
            }
        }
    }
}
