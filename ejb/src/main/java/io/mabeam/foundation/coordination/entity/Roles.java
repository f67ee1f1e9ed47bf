package io.mabeam.foundation.coordination.entity;

/** The leadership roles that several components share; a component's own roles stay with it. */
public final class Roles {

    /**
     * The node that keeps the cluster's clocks: it fails trials whose heartbeat stopped, starts scheduled runs and
     * closes auctions and proposal rounds that outlived the node that opened them.
     */
    public static final String SCHEDULER = "study-scheduler";

    private Roles() {}
}
