package io.mabeam.economics.boundary;

import io.mabeam.economics.control.EconomicsJson;
import io.mabeam.economics.control.Ledger;
import io.mabeam.economics.entity.Account;
import io.mabeam.economics.entity.AccountKind;
import io.mabeam.economics.entity.Credits;
import io.mabeam.economics.entity.LedgerEntry;
import io.mabeam.economics.entity.Posting;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.problems.Ranges;
import io.mabeam.foundation.security.control.CallerNames;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Accounts of credits and the double-entry ledger: every movement of credits is one transaction whose postings
 * sum to zero, recorded as event {@code CreditsTransferred} in stream {@value #STREAM} and projected onto the
 * balances in the same database transaction as whatever it pays for. Balances never go below zero (the treasury,
 * which issues credits, is the one account that does).
 *
 * <p>A tenant's account may have a spending cap: what its accounts (the tenant's own and those that name it) have
 * paid out of the tenant, plus what they hold in escrow for standing bids, never exceeds it.
 */
@Stateless
public class Accounts {

    public static final String STREAM = "ledger";
    static final Pattern OWNER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}");
    static final Pattern TRANSACTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    static final Pattern REASON = Pattern.compile("[a-z][a-z0-9-]{0,59}");

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    SessionContext session;

    @EJB
    Events events;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    final Ledger ledger = new Ledger();

    /** A transaction as the API answers it; {@code replayed} when its id had been used and nothing new was done. */
    public record Transfer(String id, String reason, String reference, List<LedgerEntry> entries, boolean replayed) {}

    /** An account with what its tenant holds in escrow (tenant accounts). */
    public record AccountView(Account account, long held) {}

    /**
     * Opens an account {@code kind:owner} with no credits.
     *
     * @throws DomainException 400 for a bad kind, owner or cap, or a tenant that is not a tenant's account; 409 if it exists
     */
    public AccountView open(String kindName, String owner, String tenant, Long spendCap) {
        AccountKind kind = AccountKind.fromWire(kindName == null ? "" : kindName)
                .filter(AccountKind::openable)
                .orElseThrow(() -> DomainException.invalid("an account's kind is tenant, study or agent"));
        if (owner == null || !OWNER.matcher(owner).matches()) {
            throw DomainException.invalid(
                    "an account's owner is 1-200 letters, digits and . _ / - (starting with a letter or digit)");
        }
        if (spendCap != null && (spendCap < 0 || kind != AccountKind.TENANT)) {
            throw DomainException.invalid("only a tenant's account has a spending cap, and it is not negative");
        }
        if (tenant != null && kind == AccountKind.TENANT) {
            throw DomainException.invalid("a tenant's account does not belong to another tenant");
        }
        String id = kind.wireName() + ":" + owner;
        return Jdbc.inConnection(dataSource, "opening account " + id + " failed", connection -> {
            if (tenant != null) {
                Account parent = ledger.find(connection, tenant, false)
                        .orElseThrow(() -> DomainException.invalid("no tenant account " + tenant));
                if (parent.kind() != AccountKind.TENANT) {
                    throw DomainException.invalid(tenant + " is not a tenant's account");
                }
            }
            if (ledger.find(connection, id, false).isPresent()) {
                throw DomainException.conflict("account " + id + " exists");
            }
            Account account = new Account(
                    id,
                    kind,
                    owner,
                    tenant,
                    0,
                    spendCap,
                    0,
                    CallerNames.of(session.getCallerPrincipal()),
                    Instant.now());
            ledger.insert(connection, account);
            events.record(
                    STREAM,
                    "AccountOpened",
                    jakarta.json.Json.createObjectBuilder()
                            .add("account", EconomicsJson.account(account, 0))
                            .build());
            metrics.counter("mabeam.economics.accounts.opened").inc();
            return new AccountView(account, 0);
        });
    }

    /** Opens the treasury if it is not there yet (it issues deposits and receives what capacity sells for). */
    public void ensureTreasury() {
        Jdbc.useConnection(dataSource, "opening the treasury failed", connection -> {
            ledger.ensureTreasury(connection);
        });
    }

    /** @throws DomainException 404 for an unknown account */
    public AccountView get(String id) {
        return Jdbc.inConnection(dataSource, "reading account " + id + " failed", connection -> {
            Account account =
                    ledger.find(connection, id, false).orElseThrow(() -> DomainException.notFound("no account " + id));
            return new AccountView(
                    account, account.kind() == AccountKind.TENANT ? ledger.held(connection, account.id()) : 0);
        });
    }

    /** The account, if it exists. */
    public java.util.Optional<AccountView> find(String id) {
        return Jdbc.inConnection(dataSource, "reading account " + id + " failed", connection -> {
            java.util.Optional<Account> account = ledger.find(connection, id, false);
            if (account.isEmpty()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new AccountView(
                    account.get(),
                    account.get().kind() == AccountKind.TENANT
                            ? ledger.held(connection, account.get().id())
                            : 0));
        });
    }

    /**
     * Charges an account for a service the platform bought for it (a language model's tokens): the credits go to
     * the treasury, and count against the account's tenant's cap.
     *
     * @throws DomainException 404 for an unknown account, 422 when it has too few credits
     */
    public Transfer charge(String from, long amount, String reason, String reference, String transactionId) {
        if (amount <= 0) {
            throw DomainException.invalid("a charge is a positive amount of credits");
        }
        if (Ledger.TREASURY.equals(from) || from.startsWith("escrow:")) {
            throw DomainException.invalid("the treasury and escrow accounts are not charged");
        }
        return move(from, Ledger.TREASURY, amount, reason, reference, transactionId, false);
    }

    /** @throws DomainException 400 for an unknown kind */
    public List<AccountView> list(String kindName, String tenant) {
        AccountKind kind = kindName == null
                ? null
                : AccountKind.fromWire(kindName)
                        .orElseThrow(
                                () -> DomainException.invalid("account kinds: tenant, study, agent, escrow, treasury"));
        return Jdbc.inConnection(dataSource, "listing accounts failed", connection -> {
            List<Account> accounts = ledger.list(connection, kind, tenant, 1000);
            List<AccountView> views = new java.util.ArrayList<>();
            for (Account account : accounts) {
                views.add(new AccountView(
                        account, account.kind() == AccountKind.TENANT ? ledger.held(connection, account.id()) : 0));
            }
            return views;
        });
    }

    /**
     * Issues credits from the treasury into an account (an operator funds a tenant, a study or an agent).
     *
     * @throws DomainException 400 for a bad amount, reason or id, 404 for an unknown account
     */
    public Transfer deposit(String account, long amount, String reason, String transactionId) {
        if (amount <= 0) {
            throw DomainException.invalid("a deposit is a positive amount of credits");
        }
        return move(Ledger.TREASURY, account, amount, reason == null ? "deposit" : reason, null, transactionId, true);
    }

    /**
     * Moves credits between two accounts.
     *
     * @throws DomainException 400 for a bad amount, reason or id, or the same account twice; 404 for an unknown account; 422
     *     when {@code from} has too few credits or its tenant's cap would be exceeded; 409 when the id was used for
     *     another transaction
     */
    public Transfer transfer(
            String from, String to, long amount, String reason, String reference, String transactionId) {
        if (amount <= 0) {
            throw DomainException.invalid("a transfer is a positive amount of credits");
        }
        if (from == null || to == null || from.equals(to)) {
            throw DomainException.invalid("a transfer goes from one account to another");
        }
        if (Ledger.TREASURY.equals(from)
                || Ledger.TREASURY.equals(to)
                || from.startsWith("escrow:")
                || to.startsWith("escrow:")) {
            throw DomainException.invalid(
                    "the treasury and escrow accounts move credits only through deposits and auctions");
        }
        return move(from, to, amount, reason == null ? "transfer" : reason, reference, transactionId, false);
    }

    private Transfer move(
            String from, String to, long amount, String reason, String reference, String transactionId, boolean issue) {
        if (!REASON.matcher(reason).matches()) {
            throw DomainException.invalid(
                    "a reason is 1-60 lower-case letters, digits and hyphens, starting with a letter");
        }
        if (reference != null && reference.length() > 300) {
            throw DomainException.invalid("a reference has at most 300 characters");
        }
        if (transactionId != null && !TRANSACTION_ID.matcher(transactionId).matches()) {
            throw DomainException.invalid("a transaction id is 1-64 letters, digits and . _ : -");
        }
        String id = transactionId == null ? UUID.randomUUID().toString() : transactionId;
        try (Connection connection = dataSource.getConnection()) {
            if (issue) {
                ledger.ensureTreasury(connection);
            }
            if (ledger.transactionExists(connection, id)) {
                List<LedgerEntry> earlier = ledger.transaction(connection, id);
                boolean same = earlier.size() == 2
                        && earlier.stream().anyMatch(e -> e.account().equals(from) && e.amount() == -amount)
                        && earlier.stream().anyMatch(e -> e.account().equals(to) && e.amount() == amount);
                if (!same) {
                    throw DomainException.conflict("transaction " + id + " exists and moved other credits");
                }
                return new Transfer(id, earlier.get(0).reason(), earlier.get(0).reference(), earlier, true);
            }
            Account source = ledger.find(connection, from, true)
                    .orElseThrow(() -> DomainException.notFound("no account " + from));
            Account target =
                    ledger.find(connection, to, false).orElseThrow(() -> DomainException.notFound("no account " + to));
            String capHolder = source.capHolder();
            boolean leavesTenant = capHolder != null && !capHolder.equals(target.capHolder());
            if (leavesTenant) {
                checkCap(connection, capHolder, amount);
                ledger.addSpent(connection, capHolder, amount);
            }
            List<LedgerEntry> entries = post(
                    connection, id, List.of(new Posting(from, -amount), new Posting(to, amount)), reason, reference);
            return new Transfer(id, reason, reference, entries, false);
        } catch (Ledger.InsufficientCredits e) {
            session.setRollbackOnly();
            throw insufficient(e);
        } catch (SQLException e) {
            throw new EJBException("moving credits failed", e);
        }
    }

    /**
     * Posts a transaction in the caller's connection and transaction and records it: what auctions use to hold,
     * refund and settle.
     *
     * @throws DomainException 422 when an account would go below zero (the transaction rolls back)
     */
    public List<LedgerEntry> post(
            Connection connection, String id, List<Posting> postings, String reason, String reference)
            throws SQLException {
        List<LedgerEntry> entries;
        try {
            entries = ledger.post(connection, id, postings, reason, reference, Instant.now());
        } catch (Ledger.InsufficientCredits e) {
            throw insufficient(e); // a DomainException crosses the bean's boundary as it is; the transaction rolls back
        }
        if (!entries.isEmpty()) {
            events.record(STREAM, "CreditsTransferred", EconomicsJson.transaction(id, reason, reference, entries));
            metrics.counter("mabeam.economics.transfers").inc();
        }
        return entries;
    }

    /** @throws DomainException 422 when spending {@code amount} more would take the tenant beyond its cap */
    public void checkCap(Connection connection, String tenant, long amount) throws SQLException {
        Account holder = ledger.find(connection, tenant, true).orElseThrow();
        if (holder.spendCap() != null) {
            long committed = holder.spent() + ledger.held(connection, tenant);
            if (committed + amount > holder.spendCap()) {
                session.setRollbackOnly();
                metrics.counter("mabeam.economics.refused", new org.eclipse.microprofile.metrics.Tag("why", "cap"))
                        .inc();
                throw new DomainException(
                        DomainException.Reason.REFUSED,
                        "Spending cap reached",
                        "tenant " + tenant + " may spend " + Credits.format(holder.spendCap())
                                + " credits and has spent "
                                + Credits.format(holder.spent()) + " and holds "
                                + Credits.format(committed - holder.spent())
                                + " in bids: " + Credits.format(amount) + " more is beyond its cap");
            }
        }
    }

    public DomainException insufficient(Ledger.InsufficientCredits e) {
        metrics.counter("mabeam.economics.refused", new org.eclipse.microprofile.metrics.Tag("why", "credits"))
                .inc();
        return new DomainException(DomainException.Reason.REFUSED, "Insufficient credits", e.getMessage());
    }

    /**
     * Sets or removes (null) a tenant's spending cap.
     *
     * @throws DomainException 404 for an unknown account, 400 if it is not a tenant's or the cap is negative
     */
    public AccountView setCap(String id, Long cap) {
        if (cap != null && cap < 0) {
            throw DomainException.invalid("a spending cap is not negative");
        }
        return Jdbc.inConnection(dataSource, "setting the cap of " + id + " failed", connection -> {
            Account account =
                    ledger.find(connection, id, true).orElseThrow(() -> DomainException.notFound("no account " + id));
            if (account.kind() != AccountKind.TENANT) {
                throw DomainException.invalid("only a tenant's account has a spending cap");
            }
            ledger.setCap(connection, id, cap);
            events.record(
                    STREAM,
                    "SpendCapSet",
                    jakarta.json.Json.createObjectBuilder()
                            .add("account", id)
                            .add("cap", cap == null ? jakarta.json.JsonValue.NULL : EconomicsJson.credits(cap))
                            .build());
            return get(id);
        });
    }

    /** @throws DomainException 404 for an unknown account */
    public List<LedgerEntry> ledger(String id, int limit) {
        return Jdbc.inConnection(dataSource, "reading the ledger of " + id + " failed", connection -> {
            ledger.find(connection, id, false).orElseThrow(() -> DomainException.notFound("no account " + id));
            return ledger.entries(connection, id, Ranges.limit(limit, 1000));
        });
    }

    /** The sum of all balances, treasury included: 0 while the books balance. */
    public long total() {
        return Jdbc.inConnection(dataSource, "summing balances failed", connection -> ledger.total(connection));
    }
}
