package io.mabeam.economics.boundary;

import io.mabeam.foundation.coordination.boundary.Leadership;
import io.mabeam.foundation.coordination.entity.Roles;
import io.mabeam.foundation.tasks.boundary.TaskSupervisor;
import io.mabeam.foundation.tasks.entity.TaskSpec;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes auctions at their deadline without anyone asking: every node closes the auctions it opened when their
 * time comes (checked four times a second), and the leader of {@code study-scheduler} closes any auction still
 * open {@link #GRACE} after its deadline — one whose node died. Closing takes the auction's row lock and settles
 * only an open auction, so each closes exactly once whoever gets there first.
 */
@Singleton
@Startup
@DependsOn({"Database", "Leadership"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuctionDeadlines {

    private static final Logger LOG = Logger.getLogger(AuctionDeadlines.class.getName());
    static final String TASK = "auction-deadlines";
    static final Duration GRACE = Duration.ofSeconds(2);
    static final long PERIOD_MILLIS = 250;

    @EJB
    TaskSupervisor tasks;

    @EJB
    Leadership leadership;

    @EJB
    Auctions auctions;

    private volatile boolean stopping;

    @PostConstruct
    void start() {
        tasks.supervise(TaskSpec.permanent(TASK), () -> {
            while (!stopping) {
                closeDue();
                Thread.sleep(PERIOD_MILLIS);
            }
        });
    }

    void closeDue() {
        Instant now = Instant.now();
        for (String id : auctions.dueHere(now)) {
            close(id, "deadline");
        }
        if (leadership.isLeading(Roles.SCHEDULER)) {
            for (String id : auctions.overdue(now.minus(GRACE))) {
                close(id, "deadline-taken-over");
            }
        }
    }

    private void close(String id, String why) {
        try {
            auctions.close(id, why);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing auction " + id + " failed; the next pass tries again", e);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        tasks.stop(TASK);
    }
}
