package io.mabeam.agents.boundary;

import io.mabeam.economics.boundary.Accounts;
import io.mabeam.economics.entity.AccountKind;
import io.mabeam.economics.entity.AuctionSettled;
import io.mabeam.economics.entity.Award;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Moves the winners of a settled placement auction to its node, once the settlement has committed. */
@ApplicationScoped
public class PlacementMoves {

    private static final Logger LOG = Logger.getLogger(PlacementMoves.class.getName());

    @EJB
    Agents agents;

    @EJB
    Accounts accounts;

    void settled(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuctionSettled settled) {
        if (!settled.auction().item().startsWith(PlacementMarket.ITEM_PREFIX)) {
            return;
        }
        String node = settled.auction().item().substring(PlacementMarket.ITEM_PREFIX.length());
        for (Award award : settled.clearing().awards()) {
            try {
                Accounts.AccountView winner = accounts.get(award.bidder());
                if (winner.account().kind() == AccountKind.AGENT) {
                    agents.move(winner.account().owner(), node);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "moving " + award.bidder() + " to " + node + " after its placement failed", e);
            }
        }
    }
}
