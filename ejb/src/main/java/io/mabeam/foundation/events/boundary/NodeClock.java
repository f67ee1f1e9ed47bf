package io.mabeam.foundation.events.boundary;

import io.mabeam.foundation.events.entity.VectorClock;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/** This node's vector clock: what it has written and seen, merged into every event it appends. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class NodeClock {

    private VectorClock clock = VectorClock.empty();

    public synchronized VectorClock current() {
        return clock;
    }

    /** Takes in a clock this node wrote or read, so its next events come causally after it. */
    public synchronized void observe(VectorClock seen) {
        clock = clock.merge(seen);
    }
}
