package io.mabeam.economics.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.economics.entity.Account;
import io.mabeam.economics.entity.AccountKind;
import io.mabeam.economics.entity.LedgerEntry;
import io.mabeam.economics.entity.Posting;
import io.mabeam.foundation.persistence.control.SchemaMigrator;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The ledger on the real schema (H2 in PostgreSQL mode): whatever is attempted, the books hold. */
class LedgerProperties {

    static final JdbcDataSource H2 = new JdbcDataSource();

    static {
        H2.setURL("jdbc:h2:mem:ledger;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        new SchemaMigrator(H2).migrate();
    }

    final Ledger ledger = new Ledger();

    record Move(int from, int to, long amount) {}

    @Property(tries = 60)
    void balancesNeverGoNegativeAndTheBooksAlwaysBalance(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 4) Integer> froms,
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 4) Integer> tos,
            @ForAll @Size(min = 1, max = 40) List<@LongRange(min = 1, max = 3_000_000) Long> amounts)
            throws SQLException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> accounts = new ArrayList<>();
        try (Connection connection = H2.getConnection()) {
            ledger.ensureTreasury(connection);
            for (int i = 0; i < 5; i++) {
                String id = "agent:" + run + "-" + i;
                ledger.insert(
                        connection,
                        new Account(id, AccountKind.AGENT, run + i, null, 0, null, 0, "test", Instant.now()));
                accounts.add(id);
            }
            // the first two are funded by the treasury
            ledger.post(
                    connection,
                    "fund-" + run + "-0",
                    List.of(new Posting(Ledger.TREASURY, -2_000_000), new Posting(accounts.get(0), 2_000_000)),
                    "deposit",
                    null,
                    Instant.now());
            ledger.post(
                    connection,
                    "fund-" + run + "-1",
                    List.of(new Posting(Ledger.TREASURY, -1_000_000), new Posting(accounts.get(1), 1_000_000)),
                    "deposit",
                    null,
                    Instant.now());
            connection.setAutoCommit(false);
            long[] expected = {2_000_000, 1_000_000, 0, 0, 0};
            int moves = Math.min(froms.size(), Math.min(tos.size(), amounts.size()));
            for (int m = 0; m < moves; m++) {
                Move move = new Move(froms.get(m), tos.get(m), amounts.get(m));
                if (move.from() == move.to()) {
                    continue;
                }
                String tx = run + "-" + m;
                try {
                    List<LedgerEntry> entries = ledger.post(
                            connection,
                            tx,
                            List.of(
                                    new Posting(accounts.get(move.from()), -move.amount()),
                                    new Posting(accounts.get(move.to()), move.amount())),
                            "transfer",
                            null,
                            Instant.now());
                    connection.commit();
                    expected[move.from()] -= move.amount();
                    expected[move.to()] += move.amount();
                    assertThat(entries.stream().mapToLong(LedgerEntry::amount).sum())
                            .isZero();
                } catch (Ledger.InsufficientCredits refused) {
                    connection.rollback();
                    assertThat(expected[move.from()])
                            .as("refused only when it would go negative")
                            .isLessThan(move.amount());
                    assertThat(ledger.transactionExists(connection, tx)).isFalse();
                }
            }
            connection.setAutoCommit(true);
            for (int i = 0; i < 5; i++) {
                Account account =
                        ledger.find(connection, accounts.get(i), false).orElseThrow();
                assertThat(account.balance()).isEqualTo(expected[i]).isNotNegative();
                // the projection's last balance is the account's balance
                List<LedgerEntry> entries = ledger.entries(connection, accounts.get(i), 1000);
                long sum = entries.stream().mapToLong(LedgerEntry::amount).sum();
                assertThat(sum).isEqualTo(expected[i]);
            }
            assertThat(ledger.total(connection)).isZero();
        }
    }

    @Test
    void postingsThatDoNotSumToZeroOrNameNoAccountAreRefused() throws SQLException {
        try (Connection connection = H2.getConnection()) {
            ledger.ensureTreasury(connection);
            assertThatThrownBy(() -> ledger.post(
                            connection, "bad-sum", List.of(new Posting(Ledger.TREASURY, -5)), "x", null, Instant.now()))
                    .hasMessageContaining("sum to zero");
            assertThatThrownBy(() -> ledger.post(
                            connection,
                            "bad-account",
                            List.of(new Posting(Ledger.TREASURY, -5), new Posting("agent:nobody", 5)),
                            "x",
                            null,
                            Instant.now()))
                    .hasMessageContaining("no account agent:nobody");
        }
    }
}
