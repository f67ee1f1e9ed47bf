package io.mabeam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.it.Http.Reply;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Batch jobs started over the REST API: the token housekeeping job, and who may start which job.
 */
class BatchJobsIT extends SharedNode {

    @Test
    void housekeepingJobPurgesRevokedTokens() throws Exception {
        // the IT node keeps inactive tokens for 0 days (MABEAM_TOKENS_RETENTION_DAYS=0)
        String id = http.postJson("api/v1/tokens", ADMIN, "{\"name\":\"doomed\"}")
                .json()
                .getString("id");
        http.delete("api/v1/tokens/" + id, ADMIN);

        Reply started = http.postJson("api/v1/jobs/api-token-housekeeping/runs", ADMIN, "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long run = started.json().getJsonNumber("id").longValue();
        JsonObject finished = null;
        for (int i = 0; i < 120 && finished == null; i++) {
            JsonObject state = http.get("api/v1/jobs/runs/" + run, ADMIN).json();
            if (List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(state.getString("status"))) {
                finished = state;
            } else {
                Thread.sleep(250);
            }
        }
        assertThat(finished).as("the run ended").isNotNull();
        assertThat(finished.getString("status")).isEqualTo("COMPLETED");
        assertThat(finished.getString("exitStatus")).matches("PURGED [1-9][0-9]*");
        assertThat(http.get("api/v1/tokens", ADMIN).body()).doesNotContain(id);
        assertThat(http.get("api/v1/jobs", ADMIN).body()).contains("\"name\":\"api-token-housekeeping\"");
        assertThat(http.get("metrics", null).body())
                .contains("mabeam_jobs_started_total{job=\"api-token-housekeeping\"");
    }

    @Test
    void onlyKnownJobsStartAndOnlyForOperators() {
        String viewer = Users.create(http, "viewer");
        Reply forbidden =
                http.postJson("api/v1/jobs/api-token-housekeeping/runs", Http.basic(viewer, "a-long-password-1"), "");
        assertThat(forbidden.status()).isEqualTo(403);
        Reply unknown = http.postJson("api/v1/jobs/format-the-disks/runs", ADMIN, "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getString("detail")).contains("api-token-housekeeping");
        assertThat(http.get("api/v1/jobs/runs/987654321", ADMIN).status()).isEqualTo(404);
    }
}
