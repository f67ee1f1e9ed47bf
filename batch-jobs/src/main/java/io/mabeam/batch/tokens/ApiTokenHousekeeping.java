package io.mabeam.batch.tokens;

import io.mabeam.foundation.security.boundary.ApiTokens;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes API tokens that were revoked or expired more than {@code mabeam.tokens.retention-days} ago;
 * the exit status says how many. Deleting is idempotent, so a run on every node does no harm.
 */
@Named("apiTokenHousekeeping")
@Dependent
public class ApiTokenHousekeeping extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(ApiTokenHousekeeping.class.getName());

    @EJB
    ApiTokens tokens;

    @Inject
    JobContext job;

    @Inject
    @ConfigProperty(name = "mabeam.tokens.retention-days", defaultValue = "30")
    int retentionDays;

    @Override
    public String process() {
        Instant cutoff = Instant.now().minus(Duration.ofDays(retentionDays));
        int purged = tokens.purgeInactiveBefore(cutoff);
        LOG.info(() -> "Purged " + purged + " API token(s) inactive since before " + cutoff);
        String outcome = "PURGED " + purged;
        job.setExitStatus(outcome); // the job's exit status, not only the step's
        return outcome;
    }
}
