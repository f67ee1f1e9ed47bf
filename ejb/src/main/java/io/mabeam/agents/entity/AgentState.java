package io.mabeam.agents.entity;

/**
 * Where an agent is in its life: registered → starting → running → stopping → stopped, or failed (then
 * starting again when its supervisor restarts it, or failed for good when it is given up); suspended holds its
 * mailbox without processing; migrating while it moves to another node.
 */
public enum AgentState {
    REGISTERED,
    STARTING,
    RUNNING,
    SUSPENDED,
    MIGRATING,
    STOPPING,
    STOPPED,
    FAILED;
}
