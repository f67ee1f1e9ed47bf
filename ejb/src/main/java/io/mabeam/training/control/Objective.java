package io.mabeam.training.control;

import java.util.Map;

/**
 * Something a trainer evaluates for a trial's parameters: one value per objective of the study. Found by
 * {@link #name()} through {@link Objectives} (built-ins and {@link java.util.ServiceLoader} providers).
 */
public interface Objective {

    String name();

    /**
     * Evaluates the parameters; a long evaluation reports intermediate values through {@code progress} and
     * stops with {@link Pruned} when told to.
     */
    double[] evaluate(Map<String, Object> parameters, Progress progress) throws Exception;

    /**
     * Evaluates a trial of a study: objectives that depend on the study (what data a network trains on) or keep
     * what a trial produced (its model) override this; the others only see the parameters.
     */
    default double[] evaluate(Evaluation evaluation) throws Exception {
        return evaluate(evaluation.parameters(), evaluation.progress());
    }

    /** One trial to evaluate: its study and number, its parameters, and where it reports. */
    record Evaluation(String study, long trial, Map<String, Object> parameters, Progress progress) {}

    /** Where an evaluation reports its intermediate values. */
    @FunctionalInterface
    interface Progress {

        /** Records the value at the step; true when the trial should stop (pruned). */
        boolean report(long step, double value);

        Progress NONE = (step, value) -> false;
    }

    /** Thrown by an evaluation that stops because its trial was pruned. */
    final class Pruned extends Exception {

        public Pruned(long step) {
            super("pruned at step " + step, null, false, false);
        }
    }
}
