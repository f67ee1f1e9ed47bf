package io.mabeam.consensus.boundary;

import io.mabeam.economics.boundary.Accounts;
import io.mabeam.economics.boundary.Auctions;
import io.mabeam.economics.entity.Credits;
import io.mabeam.foundation.health.boundary.HealthProbe;
import io.mabeam.foundation.health.entity.ComponentHealth;
import io.mabeam.foundation.health.entity.ComponentHealth.Status;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.time.Instant;

/**
 * Health of the market: the books balance (all balances, the treasury's included, sum to zero) and no auction or
 * proposal round is left open well past its deadline (that happens only when no node closes them: no leader of
 * {@code study-scheduler}). Not critical: the rest of the node works without it.
 */
@ApplicationScoped
public class MarketProbes {

    static final Duration OVERDUE = Duration.ofSeconds(30);

    @EJB
    Accounts accounts;

    @EJB
    Auctions auctions;

    @EJB
    Proposals proposals;

    @Produces
    HealthProbe market() {
        return () -> {
            try {
                long books = accounts.total();
                if (books != 0) {
                    return new ComponentHealth(
                            "market",
                            Status.DOWN,
                            false,
                            "the books do not balance: balances sum to " + Credits.format(books));
                }
                Instant before = Instant.now().minus(OVERDUE);
                int auctionsOverdue = auctions.overdue(before).size();
                int proposalsOverdue = proposals.overdue(before, null).size();
                if (auctionsOverdue + proposalsOverdue > 0) {
                    return new ComponentHealth(
                            "market",
                            Status.DEGRADED,
                            false,
                            auctionsOverdue + " auction(s) and " + proposalsOverdue
                                    + " proposal round(s) open more than " + OVERDUE.toSeconds()
                                    + " s past their deadline: is there a leader of study-scheduler?");
                }
                return new ComponentHealth("market", Status.UP, false, "books balance; deadlines kept");
            } catch (RuntimeException e) {
                return new ComponentHealth("market", Status.DOWN, false, String.valueOf(e.getMessage()));
            }
        };
    }
}
