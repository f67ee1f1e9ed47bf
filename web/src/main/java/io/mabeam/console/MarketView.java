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
import io.mabeam.optimization.boundary.Studies;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.Serializable;
import java.io.StringReader;
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
        if (!ConsoleForms.operator(messages)) {
            return;
        }
        try {
            Accounts.AccountView view =
                    accounts.open(accountKind, accountOwner, ConsoleForms.blank(accountTenant), null);
            messages.info("Opened account " + view.account().id());
            load();
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void deposit() {
        if (!ConsoleForms.operator(messages)) {
            return;
        }
        try {
            accounts.deposit(depositAccount, ConsoleForms.micros(depositAmount, "amount"), "deposit", null);
            messages.info("Deposited " + depositAmount + " credits into " + depositAccount);
            load();
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void setCap() {
        if (!ConsoleForms.operator(messages)) {
            return;
        }
        try {
            accounts.setCap(
                    capAccount, ConsoleForms.blank(capAmount) == null ? null : ConsoleForms.micros(capAmount, "cap"));
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
}
