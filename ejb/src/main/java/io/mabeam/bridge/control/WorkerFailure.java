package io.mabeam.bridge.control;

/** Why a Python evaluation produced no value, by kind (each kind is a metric label and a line in the trial's log). */
public final class WorkerFailure extends Exception {

    /** What went wrong. */
    public enum Kind {
        /** The worker did not start: no interpreter, or the source failed to load (syntax error, import error). */
        START("start-failed"),
        /** The objective raised an exception; the worker is fine. */
        ERROR("error"),
        /** The worker process died during the evaluation. */
        CRASH("crash"),
        /** The evaluation took longer than its limit: the worker was killed. */
        TIMEOUT("timeout"),
        /** The worker broke the protocol (something not JSON on its protocol channel): killed. */
        PROTOCOL("protocol"),
        /** No worker was free in time and the queue was full: back-pressure. */
        BUSY("busy");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Kind kind;
    private final String traceback;

    public WorkerFailure(Kind kind, String message) {
        this(kind, message, null);
    }

    public WorkerFailure(Kind kind, String message, String traceback) {
        super(message, null, false, false);
        this.kind = kind;
        this.traceback = traceback;
    }

    public Kind kind() {
        return kind;
    }

    /** Python's traceback, when the failure came from Python code. */
    public String traceback() {
        return traceback;
    }
}
