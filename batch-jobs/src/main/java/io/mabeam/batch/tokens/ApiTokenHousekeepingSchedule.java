package io.mabeam.batch.tokens;

import io.mabeam.foundation.jobs.boundary.Jobs;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;

/**
 * Starts the API token housekeeping job every night. The timer is not persistent, so it fires on every
 * node; the job is idempotent. (Leader-only scheduling comes with leader election.)
 */
@Singleton
public class ApiTokenHousekeepingSchedule {

    @EJB
    Jobs jobs;

    @Schedule(hour = "3", minute = "17", persistent = false, info = "api-token-housekeeping")
    void nightly() {
        jobs.start(Jobs.API_TOKEN_HOUSEKEEPING);
    }
}
