package io.mabeam.console;

import io.mabeam.agents.boundary.PlacementMarket;
import io.mabeam.economics.boundary.Auctions;
import io.mabeam.optimization.boundary.Studies;
import io.mabeam.optimization.control.PortfolioSampler;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The Market page's auction forms: open an auction or a placement auction, bid, close; a study's trial market. */
@Named
@ViewScoped
public class AuctionForms implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Auctions auctions;

    @EJB
    transient PlacementMarket placements;

    @EJB
    transient Studies studies;

    @Inject
    transient Messages messages;

    /** The page's accounts, shown again after a bid or close moved credits. */
    @Inject
    MarketView market;

    private String auctionKind = "vickrey";
    private String auctionItem;
    private String auctionSeller;
    private String auctionUnits = "1";
    private String auctionReserve = "0";
    private String auctionDuration = "PT1M";
    private String auctionIncrement;
    private String auctionStartPrice;
    private String auctionDecrement;
    private String auctionTick;
    private String placementNode;
    private String placementSlots = "1";
    private String marketStudy;
    private String bidAuction;
    private String bidBidder;
    private String bidPrices;
    private List<PortfolioSampler.Account> studyMarket = List.of();

    public void openAuction() {
        if (!ConsoleForms.operator(messages)) {
            return;
        }
        try {
            Auctions.AuctionView view = auctions.open(new Auctions.Opening(
                    auctionKind,
                    auctionItem,
                    Integer.valueOf(auctionUnits.strip()),
                    ConsoleForms.micros(auctionReserve, "reserve"),
                    auctionSeller,
                    Duration.parse(auctionDuration.strip()),
                    ConsoleForms.blank(auctionIncrement) == null
                            ? null
                            : ConsoleForms.micros(auctionIncrement, "increment"),
                    ConsoleForms.blank(auctionStartPrice) == null
                            ? null
                            : ConsoleForms.micros(auctionStartPrice, "start price"),
                    ConsoleForms.blank(auctionDecrement) == null
                            ? null
                            : ConsoleForms.micros(auctionDecrement, "decrement"),
                    ConsoleForms.blank(auctionTick) == null ? null : Duration.parse(auctionTick.strip())));
            messages.info("Opened auction " + view.auction().id());
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            messages.error("Units are a whole number and the duration an ISO-8601 duration such as PT1M");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    /** Sells spare slots on a node to agents (a uniform-price placement auction). */
    public void openPlacement() {
        if (!ConsoleForms.operator(messages)) {
            return;
        }
        try {
            Auctions.AuctionView view = placements.open(
                    placementNode,
                    Integer.parseInt(placementSlots.strip()),
                    ConsoleForms.micros(auctionReserve, "reserve"),
                    Duration.parse(auctionDuration.strip()),
                    null);
            messages.info("Opened placement auction " + view.auction().id() + " for "
                    + view.auction().item());
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            messages.error("Slots are a whole number and the duration an ISO-8601 duration such as PT1M");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    /** The trial market of a study whose sampler is the portfolio. */
    public void showStudyMarket() {
        try {
            studyMarket = studies.market(marketStudy == null ? "" : marketStudy.strip());
        } catch (RuntimeException e) {
            studyMarket = List.of();
            messages.problem(e);
        }
    }

    public List<PortfolioSampler.Account> getStudyMarket() {
        return studyMarket;
    }

    public void bid() {
        if (!ConsoleForms.operator(messages)) {
            return;
        }
        try {
            List<Long> prices = Arrays.stream(bidPrices.split(","))
                    .map(p -> ConsoleForms.micros(p, "price"))
                    .toList();
            auctions.bid(bidAuction, bidBidder, prices);
            messages.info("Bid placed by " + bidBidder);
            market.load();
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void close(String id) {
        if (!ConsoleForms.operator(messages)) {
            return;
        }
        try {
            auctions.close(id, "closed-from-console");
            messages.info("Closed auction " + id);
            market.load();
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    // ---- form fields -----------------------------------------------------------------------------------------

    public String getAuctionKind() {
        return auctionKind;
    }

    public void setAuctionKind(String auctionKind) {
        this.auctionKind = auctionKind;
    }

    public String getAuctionItem() {
        return auctionItem;
    }

    public void setAuctionItem(String auctionItem) {
        this.auctionItem = auctionItem;
    }

    public String getAuctionSeller() {
        return auctionSeller;
    }

    public void setAuctionSeller(String auctionSeller) {
        this.auctionSeller = auctionSeller;
    }

    public String getAuctionUnits() {
        return auctionUnits;
    }

    public void setAuctionUnits(String auctionUnits) {
        this.auctionUnits = auctionUnits;
    }

    public String getAuctionReserve() {
        return auctionReserve;
    }

    public void setAuctionReserve(String auctionReserve) {
        this.auctionReserve = auctionReserve;
    }

    public String getAuctionDuration() {
        return auctionDuration;
    }

    public void setAuctionDuration(String auctionDuration) {
        this.auctionDuration = auctionDuration;
    }

    public String getAuctionIncrement() {
        return auctionIncrement;
    }

    public void setAuctionIncrement(String auctionIncrement) {
        this.auctionIncrement = auctionIncrement;
    }

    public String getAuctionStartPrice() {
        return auctionStartPrice;
    }

    public void setAuctionStartPrice(String auctionStartPrice) {
        this.auctionStartPrice = auctionStartPrice;
    }

    public String getAuctionDecrement() {
        return auctionDecrement;
    }

    public void setAuctionDecrement(String auctionDecrement) {
        this.auctionDecrement = auctionDecrement;
    }

    public String getAuctionTick() {
        return auctionTick;
    }

    public void setAuctionTick(String auctionTick) {
        this.auctionTick = auctionTick;
    }

    public String getPlacementNode() {
        return placementNode;
    }

    public void setPlacementNode(String placementNode) {
        this.placementNode = placementNode;
    }

    public String getPlacementSlots() {
        return placementSlots;
    }

    public void setPlacementSlots(String placementSlots) {
        this.placementSlots = placementSlots;
    }

    public String getMarketStudy() {
        return marketStudy;
    }

    public void setMarketStudy(String marketStudy) {
        this.marketStudy = marketStudy;
    }

    public String getBidAuction() {
        return bidAuction;
    }

    public void setBidAuction(String bidAuction) {
        this.bidAuction = bidAuction;
    }

    public String getBidBidder() {
        return bidBidder;
    }

    public void setBidBidder(String bidBidder) {
        this.bidBidder = bidBidder;
    }

    public String getBidPrices() {
        return bidPrices;
    }

    public void setBidPrices(String bidPrices) {
        this.bidPrices = bidPrices;
    }
}
