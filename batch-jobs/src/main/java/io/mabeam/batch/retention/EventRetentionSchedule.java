package io.mabeam.batch.retention;

import io.mabeam.foundation.jobs.boundary.Jobs;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;

/** Starts the event retention job every night (on every node; the job is safe to run concurrently). */
@Singleton
public class EventRetentionSchedule {

    @EJB
    Jobs jobs;

    @Schedule(hour = "2", minute = "41", persistent = false, info = "event-retention")
    void nightly() {
        jobs.start(Jobs.EVENT_RETENTION);
    }
}
