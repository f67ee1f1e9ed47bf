package io.mabeam.foundation.events.boundary;

import io.mabeam.foundation.cluster.entity.MembershipRecorded;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Appends the cluster's membership changes to the event store, so the cluster itself needs no event store. */
@ApplicationScoped
public class MembershipJournal {

    @EJB
    Events events;

    void record(@Observes MembershipRecorded change) {
        events.record(change.stream(), change.type(), change.payload());
    }
}
