package io.mabeam.console;

import io.mabeam.agents.boundary.PlacementMarket;
import io.mabeam.consensus.boundary.Proposals;
import io.mabeam.consensus.control.ConsensusJson;
import io.mabeam.economics.boundary.Accounts;
import io.mabeam.economics.boundary.Auctions;
import io.mabeam.economics.boundary.Reputations;
import io.mabeam.economics.entity.Auction;
import io.mabeam.economics.entity.Credits;
import io.mabeam.economics.entity.LedgerEntry;
import io.mabeam.economics.entity.Reputation;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.optimization.boundary.Studies;
import io.mabeam.optimization.control.PortfolioSampler;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.Serializable;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The console's Market page: accounts and balances (open, fund, cap), the ledger of one account, auctions open and
 * closed with their awards (open one, bid, close it), proposals put to agents with their votes (open one, vote),
 * and reputations.
 */
@Named
@ViewScoped
public class MarketView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Accounts accounts;

    @EJB
    transient Auctions auctions;

    @EJB
    transient Proposals proposals;

    @EJB
    transient Reputations reputations;

    @EJB
    transient PlacementMarket placements;

    @EJB
    transient Studies studies;

    @Inject
    transient Messages messages;

    // forms
    private String accountKind = "agent";
    private String accountOwner;
    private String accountTenant;
    private String depositAccount;
    private String depositAmount;
    private String capAccount;
    private String capAmount;
    private String ledgerAccount;
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
    private List<PortfolioSampler.Account> studyMarket = List.of();
    private String bidAuction;
    private String bidBidder;
    private String bidPrices;
    private String proposalTitle;
    private String proposalTerms = "{}";
    private String proposalElectorate;
    private String proposalRule = "majority";
    private String proposalWeighting = "equal";
    private String proposalTimeout = "PT5S";
    private String proposalRounds = "1";
    private String voteProposal;
    private String voteAgent;
    private String voteBallot = "yes";

    private List<Accounts.AccountView> accountList;
    private List<LedgerEntry> ledger = List.of();

    public void load() {
        try {
            accountList = accounts.list(null, null);
        } catch (RuntimeException e) {
            accountList = List.of();
            messages.problem(e);
        }
    }

    public List<Accounts.AccountView> getAccounts() {
        if (accountList == null) {
            load();
        }
        return accountList;
    }

    public String getBooks() {
        return Credits.format(accounts.total());
    }

    public List<Auctions.AuctionView> getOpenAuctions() {
        return auctions.list("open", 100);
    }

    public List<Auctions.AuctionView> getClosedAuctions() {
        return auctions.list("closed", 50);
    }

    public List<Proposals.ProposalView> getProposals() {
        return proposals.list(null, 50);
    }

    public List<Reputation> getReputations() {
        return reputations.all();
    }

    public List<LedgerEntry> getLedger() {
        return ledger;
    }

    public String credits(long micros) {
        return Credits.format(micros);
    }

    public String credits(Long micros) {
        return micros == null ? "" : Credits.format(micros);
    }

    /** Awards of a closed auction as "bidder ×units for payment", one per line. */
    public String awards(Auction auction) {
        if (auction.result() == null) {
            return "";
        }
        JsonObject result =
                Json.createReader(new StringReader(auction.result())).readObject();
        StringBuilder text = new StringBuilder();
        result.getJsonArray("awards")
                .getValuesAs(JsonObject.class)
                .forEach(a -> text.append(a.getString("bidder"))
                        .append(" ×")
                        .append(a.getInt("units"))
                        .append(" for ")
                        .append(a.getJsonNumber("payment").bigDecimalValue().toPlainString())
                        .append("; "));
        return text.length() == 0 ? "unsold" : text.substring(0, text.length() - 2);
    }

    public String tally(Proposals.ProposalView view) {
        var rounds = view.proposal().rounds();
        if (rounds.isEmpty()) {
            return view.votes().size() + " vote(s) so far";
        }
        JsonObject tally = rounds.getJsonObject(rounds.size() - 1).getJsonObject("tally");
        return "yes " + tally.getInt("yes") + ", no " + tally.getInt("no") + ", abstain " + tally.getInt("abstain")
                + ", timeout " + tally.getInt("timeout");
    }

    public String rule(Proposals.ProposalView view) {
        return ConsensusJson.rule(view.proposal().rule()).toString();
    }

    public void openAccount() {
        if (!operator()) {
            return;
        }
        try {
            Accounts.AccountView view = accounts.open(accountKind, accountOwner, blank(accountTenant), null);
            messages.info("Opened account " + view.account().id());
            load();
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void deposit() {
        if (!operator()) {
            return;
        }
        try {
            accounts.deposit(depositAccount, micros(depositAmount, "amount"), "deposit", null);
            messages.info("Deposited " + depositAmount + " credits into " + depositAccount);
            load();
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void setCap() {
        if (!operator()) {
            return;
        }
        try {
            accounts.setCap(capAccount, blank(capAmount) == null ? null : micros(capAmount, "cap"));
            messages.info("Spending cap of " + capAccount + " set");
            load();
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void showLedger() {
        try {
            ledger = accounts.ledger(ledgerAccount, 200);
        } catch (RuntimeException e) {
            ledger = List.of();
            messages.problem(e);
        }
    }

    public void openAuction() {
        if (!operator()) {
            return;
        }
        try {
            Auctions.AuctionView view = auctions.open(new Auctions.Opening(
                    auctionKind,
                    auctionItem,
                    Integer.valueOf(auctionUnits.strip()),
                    micros(auctionReserve, "reserve"),
                    auctionSeller,
                    Duration.parse(auctionDuration.strip()),
                    blank(auctionIncrement) == null ? null : micros(auctionIncrement, "increment"),
                    blank(auctionStartPrice) == null ? null : micros(auctionStartPrice, "start price"),
                    blank(auctionDecrement) == null ? null : micros(auctionDecrement, "decrement"),
                    blank(auctionTick) == null ? null : Duration.parse(auctionTick.strip())));
            messages.info("Opened auction " + view.auction().id());
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            messages.error("Units are a whole number and the duration an ISO-8601 duration such as PT1M");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    /** Sells spare slots on a node to agents (a uniform-price placement auction). */
    public void openPlacement() {
        if (!operator()) {
            return;
        }
        try {
            Auctions.AuctionView view = placements.open(
                    placementNode,
                    Integer.parseInt(placementSlots.strip()),
                    micros(auctionReserve, "reserve"),
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
        if (!operator()) {
            return;
        }
        try {
            List<Long> prices = Arrays.stream(bidPrices.split(","))
                    .map(p -> micros(p, "price"))
                    .toList();
            auctions.bid(bidAuction, bidBidder, prices);
            messages.info("Bid placed by " + bidBidder);
            load();
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void close(String id) {
        if (!operator()) {
            return;
        }
        try {
            auctions.close(id, "closed-from-console");
            messages.info("Closed auction " + id);
            load();
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void openProposal() {
        if (!operator()) {
            return;
        }
        try {
            JsonObject terms =
                    Json.createReader(new StringReader(proposalTerms)).readObject();
            List<String> electorate = blank(proposalElectorate) == null
                    ? null
                    : Arrays.stream(proposalElectorate.split(","))
                            .map(String::strip)
                            .toList();
            Proposals.ProposalView view = proposals.open(
                    proposalTitle,
                    terms,
                    electorate,
                    null,
                    Json.createObjectBuilder()
                            .add("kind", proposalRule)
                            .add("weighting", proposalWeighting)
                            .build(),
                    Duration.parse(proposalTimeout.strip()),
                    Integer.valueOf(proposalRounds.strip()));
            messages.info("Put proposal " + view.proposal().id() + " to "
                    + view.proposal().electorate().size() + " agent(s)");
        } catch (jakarta.json.JsonException | IllegalStateException e) {
            messages.error("Terms are a JSON object such as {\"lr\": 0.01}");
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            messages.error("Rounds are a whole number and the timeout an ISO-8601 duration such as PT5S");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void vote() {
        if (!operator()) {
            return;
        }
        try {
            proposals.vote(voteProposal, voteAgent, voteBallot, null, "cast from the console");
            messages.info("Vote of " + voteAgent + " recorded");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    /** Whether the user may change things here (operator or admin); says so when not. */
    private boolean operator() {
        var external = jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext();
        if (external.isUserInRole("admin") || external.isUserInRole("operator")) {
            return true;
        }
        messages.error("Changing accounts, auctions and proposals needs the role operator or admin");
        return false;
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static long micros(String text, String what) {
        try {
            BigDecimal amount = new BigDecimal(text.strip());
            if (amount.signum() < 0) {
                throw DomainException.invalid("the " + what + " is not negative");
            }
            return Credits.micros(amount);
        } catch (NumberFormatException | NullPointerException e) {
            throw DomainException.invalid("the " + what + " is a number of credits");
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
    }

    // ---- form fields -----------------------------------------------------------------------------------------

    public String getAccountKind() {
        return accountKind;
    }

    public void setAccountKind(String accountKind) {
        this.accountKind = accountKind;
    }

    public String getAccountOwner() {
        return accountOwner;
    }

    public void setAccountOwner(String accountOwner) {
        this.accountOwner = accountOwner;
    }

    public String getAccountTenant() {
        return accountTenant;
    }

    public void setAccountTenant(String accountTenant) {
        this.accountTenant = accountTenant;
    }

    public String getDepositAccount() {
        return depositAccount;
    }

    public void setDepositAccount(String depositAccount) {
        this.depositAccount = depositAccount;
    }

    public String getDepositAmount() {
        return depositAmount;
    }

    public void setDepositAmount(String depositAmount) {
        this.depositAmount = depositAmount;
    }

    public String getCapAccount() {
        return capAccount;
    }

    public void setCapAccount(String capAccount) {
        this.capAccount = capAccount;
    }

    public String getCapAmount() {
        return capAmount;
    }

    public void setCapAmount(String capAmount) {
        this.capAmount = capAmount;
    }

    public String getLedgerAccount() {
        return ledgerAccount;
    }

    public void setLedgerAccount(String ledgerAccount) {
        this.ledgerAccount = ledgerAccount;
    }

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

    public String getProposalTitle() {
        return proposalTitle;
    }

    public void setProposalTitle(String proposalTitle) {
        this.proposalTitle = proposalTitle;
    }

    public String getProposalTerms() {
        return proposalTerms;
    }

    public void setProposalTerms(String proposalTerms) {
        this.proposalTerms = proposalTerms;
    }

    public String getProposalElectorate() {
        return proposalElectorate;
    }

    public void setProposalElectorate(String proposalElectorate) {
        this.proposalElectorate = proposalElectorate;
    }

    public String getProposalRule() {
        return proposalRule;
    }

    public void setProposalRule(String proposalRule) {
        this.proposalRule = proposalRule;
    }

    public String getProposalWeighting() {
        return proposalWeighting;
    }

    public void setProposalWeighting(String proposalWeighting) {
        this.proposalWeighting = proposalWeighting;
    }

    public String getProposalTimeout() {
        return proposalTimeout;
    }

    public void setProposalTimeout(String proposalTimeout) {
        this.proposalTimeout = proposalTimeout;
    }

    public String getProposalRounds() {
        return proposalRounds;
    }

    public void setProposalRounds(String proposalRounds) {
        this.proposalRounds = proposalRounds;
    }

    public String getVoteProposal() {
        return voteProposal;
    }

    public void setVoteProposal(String voteProposal) {
        this.voteProposal = voteProposal;
    }

    public String getVoteAgent() {
        return voteAgent;
    }

    public void setVoteAgent(String voteAgent) {
        this.voteAgent = voteAgent;
    }

    public String getVoteBallot() {
        return voteBallot;
    }

    public void setVoteBallot(String voteBallot) {
        this.voteBallot = voteBallot;
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
}
