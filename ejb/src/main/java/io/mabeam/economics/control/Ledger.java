package io.mabeam.economics.control;

import io.mabeam.economics.entity.Account;
import io.mabeam.economics.entity.AccountKind;
import io.mabeam.economics.entity.Credits;
import io.mabeam.economics.entity.LedgerEntry;
import io.mabeam.economics.entity.Posting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Accounts and their postings in tables {@code credit_account} and {@code ledger_posting}, in the caller's
 * connection and transaction. Postings of a transaction sum to zero and are applied in account order (so two
 * transactions never wait on each other's rows in opposite orders); a posting that would take an account other
 * than the treasury below zero fails the whole transaction with {@link InsufficientCredits}.
 */
public final class Ledger {

    public static final String TREASURY = "treasury";

    private static final String COLUMNS = "id, kind, owner, tenant, balance, spend_cap, spent, created_by, created_at";

    /** An account would go below zero. */
    public static final class InsufficientCredits extends RuntimeException {
        private final String account;

        public InsufficientCredits(String account, long amount) {
            super("account " + account + " has fewer than " + Credits.format(amount) + " credits");
            this.account = account;
        }

        public String account() {
            return account;
        }
    }

    public void insert(Connection connection, Account account) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into credit_account (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, account.id());
            insert.setString(2, account.kind().wireName());
            insert.setString(3, account.owner());
            insert.setString(4, account.tenant());
            insert.setLong(5, account.balance());
            if (account.spendCap() == null) {
                insert.setNull(6, Types.BIGINT);
            } else {
                insert.setLong(6, account.spendCap());
            }
            insert.setLong(7, account.spent());
            insert.setString(8, account.createdBy());
            insert.setTimestamp(9, Timestamp.from(account.createdAt()));
            insert.executeUpdate();
        }
    }

    /** Opens the treasury if it is not there yet. */
    public void ensureTreasury(Connection connection) throws SQLException {
        if (find(connection, TREASURY, false).isEmpty()) {
            try {
                insert(
                        connection,
                        new Account(
                                TREASURY, AccountKind.TREASURY, "platform", null, 0, null, 0, "system", Instant.now()));
            } catch (SQLException raced) {
                if (find(connection, TREASURY, false).isEmpty()) {
                    throw raced;
                }
            }
        }
    }

    /** @param lock whether to hold the account's row until the transaction ends */
    public Optional<Account> find(Connection connection, String id, boolean lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from credit_account where id = ?" + (lock ? " for update" : ""))) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(account(rows)) : Optional.empty();
            }
        }
    }

    /** Accounts by id; of one kind or one tenant when given (escrow accounts only when asked for by kind). */
    public List<Account> list(Connection connection, AccountKind kind, String tenant, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from credit_account where 1 = 1");
        List<String> arguments = new ArrayList<>();
        if (kind != null) {
            sql.append(" and kind = ?");
            arguments.add(kind.wireName());
        } else {
            sql.append(" and kind <> 'escrow'");
        }
        if (tenant != null) {
            sql.append(" and (tenant = ? or id = ?)");
            arguments.add(tenant);
            arguments.add(tenant);
        }
        sql.append(" order by id");
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            select.setMaxRows(limit);
            for (int i = 0; i < arguments.size(); i++) {
                select.setString(i + 1, arguments.get(i));
            }
            List<Account> accounts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    accounts.add(account(rows));
                }
            }
            return accounts;
        }
    }

    public boolean transactionExists(Connection connection, String transaction) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select 1 from ledger_posting where tx_id = ?")) {
            select.setString(1, transaction);
            select.setMaxRows(1);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * Applies a transaction's postings (merged per account, zero legs dropped) and projects them.
     *
     * @return the postings as entries, with balances after them, in account order
     * @throws IllegalArgumentException the postings do not sum to zero, or name an unknown account
     * @throws InsufficientCredits an account would go below zero; the caller rolls back
     */
    public List<LedgerEntry> post(
            Connection connection,
            String transaction,
            List<Posting> postings,
            String reason,
            String reference,
            Instant at)
            throws SQLException {
        TreeMap<String, Long> byAccount = new TreeMap<>();
        long sum = 0;
        for (Posting posting : postings) {
            byAccount.merge(posting.account(), posting.amount(), Math::addExact);
            sum = Math.addExact(sum, posting.amount());
        }
        if (sum != 0) {
            throw new IllegalArgumentException("a transaction's postings sum to zero, not " + sum);
        }
        byAccount.values().removeIf(amount -> amount == 0);
        List<LedgerEntry> entries = new ArrayList<>();
        for (var leg : byAccount.entrySet()) {
            try (PreparedStatement update =
                    connection.prepareStatement("update credit_account set balance = balance + ?"
                            + " where id = ? and (kind = 'treasury' or balance + ? >= 0)")) {
                update.setLong(1, leg.getValue());
                update.setString(2, leg.getKey());
                update.setLong(3, leg.getValue());
                if (update.executeUpdate() == 0) {
                    if (find(connection, leg.getKey(), false).isEmpty()) {
                        throw new IllegalArgumentException("no account " + leg.getKey());
                    }
                    throw new InsufficientCredits(leg.getKey(), -leg.getValue());
                }
            }
            long balance = find(connection, leg.getKey(), false).orElseThrow().balance();
            try (PreparedStatement insert = connection.prepareStatement("insert into ledger_posting (tx_id, account,"
                    + " amount, balance_after, reason, reference, at) values (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, transaction);
                insert.setString(2, leg.getKey());
                insert.setLong(3, leg.getValue());
                insert.setLong(4, balance);
                insert.setString(5, reason);
                insert.setString(6, reference);
                insert.setTimestamp(7, Timestamp.from(at));
                insert.executeUpdate();
            }
            entries.add(new LedgerEntry(transaction, leg.getKey(), leg.getValue(), balance, reason, reference, at));
        }
        return entries;
    }

    /** Adds to what a tenant has spent (settled payments of its accounts). */
    public void addSpent(Connection connection, String tenant, long amount) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("update credit_account set spent = spent + ? where id = ?")) {
            update.setLong(1, amount);
            update.setString(2, tenant);
            update.executeUpdate();
        }
    }

    public void setCap(Connection connection, String id, Long cap) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("update credit_account set spend_cap = ? where id = ?")) {
            if (cap == null) {
                update.setNull(1, Types.BIGINT);
            } else {
                update.setLong(1, cap);
            }
            update.setString(2, id);
            update.executeUpdate();
        }
    }

    /** What a tenant's accounts hold in escrow for standing bids. */
    public long held(Connection connection, String tenant) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select coalesce(sum(b.total), 0) from auction_bid b"
                        + " join credit_account a on a.id = b.bidder where b.status = 'standing' and (a.tenant = ? or a.id = ?)")) {
            select.setString(1, tenant);
            select.setString(2, tenant);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** An account's postings, newest first. */
    public List<LedgerEntry> entries(Connection connection, String account, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select tx_id, account, amount, balance_after,"
                + " reason, reference, at from ledger_posting where account = ? order by at desc, tx_id desc")) {
            select.setMaxRows(limit);
            select.setString(1, account);
            return entries(select);
        }
    }

    /** A transaction's postings. */
    public List<LedgerEntry> transaction(Connection connection, String transaction) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select tx_id, account, amount, balance_after,"
                + " reason, reference, at from ledger_posting where tx_id = ? order by account")) {
            select.setString(1, transaction);
            return entries(select);
        }
    }

    /** Sum of all balances: zero while the books balance. */
    public long total(Connection connection) throws SQLException {
        try (PreparedStatement select =
                        connection.prepareStatement("select coalesce(sum(balance), 0) from credit_account");
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<LedgerEntry> entries(PreparedStatement select) throws SQLException {
        List<LedgerEntry> entries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                entries.add(new LedgerEntry(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getLong(3),
                        rows.getLong(4),
                        rows.getString(5),
                        rows.getString(6),
                        rows.getTimestamp(7).toInstant()));
            }
        }
        entries.sort(Comparator.comparing(LedgerEntry::at).reversed());
        return entries;
    }

    private static Account account(ResultSet rows) throws SQLException {
        long cap = rows.getLong(6);
        Long spendCap = rows.wasNull() ? null : cap;
        return new Account(
                rows.getString(1),
                AccountKind.fromWire(rows.getString(2)).orElseThrow(),
                rows.getString(3),
                rows.getString(4),
                rows.getLong(5),
                spendCap,
                rows.getLong(7),
                rows.getString(8),
                rows.getTimestamp(9).toInstant());
    }
}
