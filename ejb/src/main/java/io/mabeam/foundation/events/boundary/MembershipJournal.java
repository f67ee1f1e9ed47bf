package io.mabeam.foundation.events.boundary;

import io.mabeam.foundation.cluster.entity.MembershipRecorded;
import io.mabeam.foundation.events.entity.ExpectedVersion;
import io.mabeam.foundation.events.entity.NewEvent;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/** Appends the cluster's membership changes to the event store, so the cluster itself needs no event store. */
@ApplicationScoped
public class MembershipJournal {

    @EJB
    Events events;

    void record(@Observes MembershipRecorded change) {
        events.append(
                change.stream(),
                ExpectedVersion.ANY,
                List.of(NewEvent.of(change.type(), change.payload())),
                null,
                null);
    }
}
