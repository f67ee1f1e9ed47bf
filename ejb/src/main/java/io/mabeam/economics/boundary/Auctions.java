package io.mabeam.economics.boundary;

import io.mabeam.economics.control.AuctionRules;
import io.mabeam.economics.control.AuctionStore;
import io.mabeam.economics.control.EconomicsJson;
import io.mabeam.economics.control.Ledger;
import io.mabeam.economics.entity.Account;
import io.mabeam.economics.entity.AccountKind;
import io.mabeam.economics.entity.Auction;
import io.mabeam.economics.entity.AuctionKind;
import io.mabeam.economics.entity.AuctionSettled;
import io.mabeam.economics.entity.AuctionStatus;
import io.mabeam.economics.entity.Award;
import io.mabeam.economics.entity.BidRefused;
import io.mabeam.economics.entity.BidStatus;
import io.mabeam.economics.entity.Clearing;
import io.mabeam.economics.entity.Posting;
import io.mabeam.economics.entity.StoredBid;
import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.problems.DomainException.Reason;
import io.mabeam.foundation.problems.Ranges;
import io.mabeam.foundation.security.control.CallerNames;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Auctions of anything an account sells — trial slots, capacity on a node, items named by the seller — for
 * credits. Bids are backed by credits: a standing bid's total is held in the auction's escrow account, so a
 * bidder can never win more than it can pay; outbid English bids are refunded at once; the close settles every
 * standing bid (the winners pay the seller by the auction's rule, the rest is refunded) in one transaction with
 * the award. The close happens once, under the auction's row lock, by the node that opened the auction at its
 * deadline or, if that node is gone, by the leader of {@code study-scheduler} ({@link AuctionDeadlines}).
 */
@Stateless
public class Auctions {

    /** Items {@code placement:<node>} are slots on a node, bought by agents of good reputation only. */
    public static final String PLACEMENT_ITEM_PREFIX = "placement:";

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    SessionContext session;

    @EJB
    Events events;

    @EJB
    Accounts accounts;

    @EJB
    Cluster cluster;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    @Inject
    jakarta.enterprise.event.Event<AuctionSettled> settled;

    @EJB
    Reputations reputations;

    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(
            name = "mabeam.placement.min-reputation",
            defaultValue = "0.2")
    double minimumPlacementReputation;

    final AuctionStore store = new AuctionStore();
    final Ledger ledger = new Ledger();

    /** What opening an auction takes; prices in micro-credits, null where the kind has none. */
    public record Opening(
            String kind,
            String item,
            Integer units,
            long reserve,
            String seller,
            Duration duration,
            Long increment,
            Long startPrice,
            Long decrement,
            Duration tick) {}

    /** An auction with its bids: all of them once closed or while an open auction's bids are public. */
    public record AuctionView(Auction auction, List<StoredBid> bids, int bidCount, Long clockPrice, Long minimumBid) {}

    public static String stream(String auction) {
        return "auction:" + auction;
    }

    /**
     * @throws DomainException 400 for a bad kind, item, count, price or duration, or a seller that is not an account
     */
    public AuctionView open(Opening opening) {
        Auction auction = AuctionOpenings.auction(
                opening,
                UUID.randomUUID().toString(),
                Instant.now(),
                cluster.nodeName(),
                CallerNames.of(session.getCallerPrincipal()));
        String id = auction.id();
        Instant now = auction.openedAt();
        AuctionKind kind = auction.kind();
        return Jdbc.inConnection(dataSource, "opening an auction failed", connection -> {
            Account seller = ledger.find(connection, opening.seller() == null ? "" : opening.seller(), false)
                    .orElseThrow(
                            () -> DomainException.invalid("the seller is an account; no account " + opening.seller()));
            if (seller.kind() == AccountKind.ESCROW) {
                throw DomainException.invalid("an escrow account sells nothing");
            }
            store.insert(connection, auction);
            ledger.insert(
                    connection,
                    new Account(auction.escrowAccount(), AccountKind.ESCROW, id, null, 0, null, 0, "system", now));
            events.record(
                    stream(id),
                    "AuctionOpened",
                    Json.createObjectBuilder()
                            .add("auction", EconomicsJson.auction(auction))
                            .build());
            metrics.counter("mabeam.economics.auctions.opened", new Tag("kind", kind.wireName()))
                    .inc();
            return view(connection, auction);
        });
    }

    /** @throws DomainException 404 for an unknown auction */
    public AuctionView get(String id) {
        return Jdbc.inConnection(
                dataSource,
                "reading auction " + id + " failed",
                connection -> view(connection, store.find(connection, id, false).orElseThrow(() -> unknown(id))));
    }

    /** @throws DomainException 400 for an unknown status */
    public List<AuctionView> list(String status, int limit) {
        AuctionStatus wanted = status == null
                ? null
                : switch (status) {
                    case "open" -> AuctionStatus.OPEN;
                    case "closed" -> AuctionStatus.CLOSED;
                    default -> throw DomainException.invalid("an auction's status is open or closed");
                };
        return Jdbc.inConnection(dataSource, "listing auctions failed", connection -> {
            List<AuctionView> views = new ArrayList<>();
            for (Auction auction : store.list(connection, wanted, Ranges.limit(limit, 500))) {
                views.add(view(connection, auction));
            }
            return views;
        });
    }

    private AuctionView view(Connection connection, Auction auction) throws SQLException {
        List<StoredBid> bids = store.bids(connection, auction.id(), false);
        Instant now = Instant.now();
        boolean visible = auction.bidsVisible();
        Long clock = auction.clock(now);
        Long minimum = auction.minimumBid(bids);
        return new AuctionView(auction, visible ? bids : List.of(), bids.size(), clock, minimum);
    }

    /**
     * Places a bid and holds its total in escrow. English bids must beat the standing bid by the increment; a Dutch
     * bid takes the clock's current price (at most {@code unitPrices[0]} if given) and closes the auction; a sealed
     * auction takes one bid per bidder.
     *
     * @param unitPrices marginal prices in micro-credits (one for a single-item auction); ignored by Dutch auctions
     *     except as the most the bidder will pay
     * @throws DomainException 404 for an unknown auction or bidder account; 409 when the auction is closed, the bid is too
     *     low for an English auction or the bidder has bid in a sealed one; 422 when the bidder's credits or its
     *     tenant's cap do not cover the bid or it is below the reserve; 400 for malformed prices
     */
    public AuctionView bid(String auctionId, String bidder, List<Long> unitPrices) {
        try (Connection connection = dataSource.getConnection()) {
            Auction auction = store.find(connection, auctionId, true).orElseThrow(() -> unknown(auctionId));
            Instant now = Instant.now();
            auction.requireOpen(now);
            Account account = ledger.find(connection, bidder == null ? "" : bidder, false)
                    .orElseThrow(() -> DomainException.notFound("no account " + bidder));
            if (account.kind() == AccountKind.ESCROW || account.kind() == AccountKind.TREASURY) {
                throw DomainException.invalid("escrow accounts and the treasury do not bid");
            }
            if (account.id().equals(auction.seller())) {
                throw DomainException.invalid("the seller does not bid in its own auction");
            }
            if (auction.item().startsWith(PLACEMENT_ITEM_PREFIX)) {
                admitToPlacement(auction, account);
            }
            List<StoredBid> standing = store.bids(connection, auctionId, true);
            List<Long> prices = auction.admit(account.id(), unitPrices, standing, now);
            for (StoredBid outbid : auction.outbidBy(standing)) {
                store.setBidStatus(connection, auctionId, outbid.sequence(), BidStatus.OUTBID);
                accounts.post(
                        connection,
                        "refund:" + auctionId + ":" + outbid.sequence(),
                        List.of(
                                new Posting(auction.escrowAccount(), -outbid.total()),
                                new Posting(outbid.bidder(), outbid.total())),
                        "auction-refund",
                        auctionId);
            }
            long total = prices.stream().mapToLong(Long::longValue).reduce(0, Math::addExact);
            String capHolder = account.capHolder();
            Account seller = ledger.find(connection, auction.seller(), false).orElseThrow();
            if (capHolder != null && !capHolder.equals(seller.capHolder())) {
                accounts.checkCap(connection, capHolder, total);
            }
            long sequence = store.nextSequence(connection, auctionId);
            accounts.post(
                    connection,
                    "hold:" + auctionId + ":" + sequence,
                    List.of(new Posting(account.id(), -total), new Posting(auction.escrowAccount(), total)),
                    "auction-hold",
                    auctionId);
            StoredBid bid = new StoredBid(auctionId, sequence, account.id(), prices, total, BidStatus.STANDING, now);
            store.insertBid(connection, bid);
            events.record(
                    stream(auctionId),
                    "BidPlaced",
                    Json.createObjectBuilder()
                            .add("auction", auctionId)
                            .add("bid", EconomicsJson.bid(bid))
                            .build());
            metrics.counter(
                            "mabeam.economics.bids",
                            new Tag("kind", auction.kind().wireName()))
                    .inc();
            if (auction.closesOnBid()) {
                settle(connection, auction, "taken", now);
                auction = store.find(connection, auctionId, false).orElseThrow();
            }
            return view(connection, auction);
        } catch (BidRefused e) {
            metrics.counter("mabeam.economics.refused", new Tag("why", "bid")).inc();
            throw e;
        } catch (Ledger.InsufficientCredits e) {
            throw accounts.insufficient(e);
        } catch (SQLException e) {
            throw new EJBException("bidding in auction " + auctionId + " failed", e);
        }
    }

    /**
     * Capacity on a node goes to agents (their own accounts, {@code agent:<id>}) whose reputation is at least
     * {@code mabeam.placement.min-reputation}: an agent that keeps failing its trials does not buy its way onto
     * contested capacity.
     */
    private void admitToPlacement(Auction auction, Account account) {
        if (account.kind() != AccountKind.AGENT) {
            throw new BidRefused(
                    Reason.REFUSED,
                    "Not an agent",
                    "placement on a node is bought by an agent's account (agent:<id>), not " + account.id());
        }
        double reputation = reputations.get(account.owner()).score();
        if (reputation < minimumPlacementReputation) {
            throw new BidRefused(
                    Reason.REFUSED,
                    "Reputation too low",
                    "agent " + account.owner() + " has reputation "
                            + String.format(java.util.Locale.ROOT, "%.3f", reputation) + "; placement needs at least "
                            + minimumPlacementReputation);
        }
    }

    /**
     * Closes an auction now (its seller or an operator ends it early; deadlines call this too) and settles it.
     * Closing a closed auction changes nothing and answers it as it is.
     *
     * @throws DomainException 404 for an unknown auction
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public AuctionView close(String auctionId, String why) {
        try (Connection connection = dataSource.getConnection()) {
            Auction auction = store.find(connection, auctionId, true).orElseThrow(() -> unknown(auctionId));
            if (auction.status() == AuctionStatus.OPEN) {
                settle(connection, auction, why, Instant.now());
                auction = store.find(connection, auctionId, false).orElseThrow();
            }
            return view(connection, auction);
        } catch (Ledger.InsufficientCredits e) {
            throw new EJBException("settling auction " + auctionId + " took escrow below zero", e);
        } catch (SQLException e) {
            throw new EJBException("closing auction " + auctionId + " failed", e);
        }
    }

    /** Awards, payments and refunds in one ledger transaction, and the auction closed, all under its row lock. */
    private void settle(Connection connection, Auction auction, String why, Instant now) throws SQLException {
        List<StoredBid> standing = store.bids(connection, auction.id(), true);
        Clearing clearing = AuctionRules.clear(
                auction.kind(),
                auction.units(),
                auction.reserve(),
                standing.stream().map(StoredBid::bid).toList());
        Map<String, Award> awards = new HashMap<>();
        clearing.awards().forEach(a -> awards.put(a.bidder(), a));
        List<Posting> postings = new ArrayList<>();
        long held = 0;
        Account seller = ledger.find(connection, auction.seller(), false).orElseThrow();
        for (StoredBid bid : standing) {
            held += bid.total();
            Award award = awards.get(bid.bidder());
            long payment = award == null ? 0 : award.payment();
            postings.add(new Posting(bid.bidder(), bid.total() - payment));
            if (award != null) {
                postings.add(new Posting(auction.seller(), payment));
                Account winner = ledger.find(connection, bid.bidder(), false).orElseThrow();
                if (winner.capHolder() != null && !winner.capHolder().equals(seller.capHolder())) {
                    ledger.addSpent(connection, winner.capHolder(), payment);
                }
            }
            store.setBidStatus(
                    connection, auction.id(), bid.sequence(), award == null ? BidStatus.LOST : BidStatus.WON);
        }
        postings.add(new Posting(auction.escrowAccount(), -held));
        accounts.post(connection, "settle:" + auction.id(), postings, "auction-settlement", auction.id());
        JsonObject result = EconomicsJson.clearing(clearing);
        store.close(connection, auction.id(), now, cluster.nodeName(), result.toString());
        events.record(
                stream(auction.id()),
                "AuctionClosed",
                Json.createObjectBuilder()
                        .add("auction", auction.id())
                        .add("kind", auction.kind().wireName())
                        .add("why", why)
                        .add("node", cluster.nodeName())
                        .add("openedOn", auction.node())
                        .add("result", result)
                        .build());
        metrics.counter(
                        "mabeam.economics.auctions.closed",
                        new Tag("kind", auction.kind().wireName()))
                .inc();
        settled.fire(new AuctionSettled(auction, clearing));
    }

    /** Open auctions whose deadline is before {@code before}. */
    public List<String> overdue(Instant before) {
        return Jdbc.inConnection(
                dataSource, "finding auctions to close failed", connection -> store.overdue(connection, before, 100));
    }

    /** Open auctions this node opened whose deadline has come. */
    public List<String> dueHere(Instant now) {
        return Jdbc.inConnection(
                dataSource,
                "finding auctions to close failed",
                connection -> store.openedBy(connection, cluster.nodeName()).stream()
                        .filter(a -> !now.isBefore(a.closesAt()))
                        .map(Auction::id)
                        .toList());
    }

    public Optional<Auction> find(String id) {
        return Jdbc.inConnection(
                dataSource, "reading auction " + id + " failed", connection -> store.find(connection, id, false));
    }

    private static DomainException unknown(String id) {
        return DomainException.notFound("no auction " + id);
    }
}
