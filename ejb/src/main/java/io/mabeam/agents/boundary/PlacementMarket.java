package io.mabeam.agents.boundary;

import io.mabeam.balancing.entity.NodeLoad;
import io.mabeam.economics.boundary.Accounts;
import io.mabeam.economics.boundary.Auctions;
import io.mabeam.economics.control.Ledger;
import io.mabeam.foundation.problems.DomainException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Agents buy placement on nodes with spare capacity. A placement auction sells slots on one agent node
 * ({@code item = placement:<node>}, uniform price or VCG, the treasury the seller: credits paid for capacity leave
 * circulation); agents bid with their own accounts ({@code agent:<id>}, reputation at least
 * {@code mabeam.placement.min-reputation}); when it is settled each winner is moved to the node ({@link PlacementMoves}).
 */
@Stateless
public class PlacementMarket {

    public static final String ITEM_PREFIX = Auctions.PLACEMENT_ITEM_PREFIX;

    @EJB
    Auctions auctions;

    @EJB
    Agents agents;

    @EJB
    Accounts accounts;

    @Inject
    @ConfigProperty(name = "mabeam.agents.node-capacity", defaultValue = "100000")
    int nodeCapacity;

    /**
     * Opens a placement auction for {@code slots} slots on {@code node}.
     *
     * @throws DomainException 400 for a node that hosts no agents, a kind other than uniform-price or vcg, or more slots
     *     than the node has spare ({@code mabeam.agents.node-capacity} less the agents it runs)
     */
    public Auctions.AuctionView open(String node, int slots, long reserve, Duration duration, String kind) {
        NodeLoad load = agents.nodes().stream()
                .filter(n -> n.node().equals(node))
                .findFirst()
                .orElseThrow(() -> DomainException.invalid("node " + node + " hosts no agents"));
        String auctionKind = kind == null ? "uniform-price" : kind;
        if (!auctionKind.equals("uniform-price") && !auctionKind.equals("vcg")) {
            throw DomainException.invalid("placement is sold by a uniform-price or vcg auction");
        }
        int spare = Math.max(0, nodeCapacity - load.agents());
        if (slots < 1 || slots > spare) {
            throw DomainException.invalid("node " + node + " has " + spare + " spare slot(s) (capacity " + nodeCapacity
                    + ", " + load.agents() + " agents); sell 1 to " + spare);
        }
        accounts.ensureTreasury();
        return auctions.open(new Auctions.Opening(
                auctionKind, ITEM_PREFIX + node, slots, reserve, Ledger.TREASURY, duration, null, null, null, null));
    }
}
