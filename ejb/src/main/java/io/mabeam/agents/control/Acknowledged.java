package io.mabeam.agents.control;

import io.mabeam.agents.control.AgentRef.Acknowledgement;

/**
 * A message whose sender waits for it to be handled (see {@link AgentRef#tell(Object, Acknowledgement)}), and
 * what an {@link AgentCell}'s turn does around a delivery: asks the acknowledgement to admit the message, tells it
 * the message was handled, and sorts out what a behaviour threw. Static, so a delivery allocates nothing more
 * than before.
 */
record Acknowledged(Object message, Acknowledgement acknowledgement) {

    /** Whether the message is to be handled; an admission that throws turns it away (the sender sends again). */
    static boolean admitted(AgentSystem system, AgentCell<?> agent, Acknowledgement acknowledgement) {
        try {
            return acknowledgement.admit();
        } catch (RuntimeException e) {
            system.deadLetter(agent, e, "admission failed"); // not handled: the sender sends again
            return false;
        }
    }

    static void acknowledge(AgentSystem system, AgentCell<?> agent, Acknowledgement acknowledgement) {
        try {
            acknowledgement.handled();
        } catch (RuntimeException e) {
            system.deadLetter(agent, e, "acknowledgement failed"); // the sender sends again; the agent is fine
        }
    }

    /** A failure the agent does not survive: the JVM's own errors, except a stack overflow. */
    static void rethrowFatal(Throwable failure) {
        if (failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError)) {
            throw (VirtualMachineError) failure;
        }
    }

    /** A failure in a transition's reason: its class and message. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
